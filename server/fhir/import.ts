import { sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { lockPatients } from "../records/patient-version.ts";
import { readFhirFile } from "./bundle-reader.ts";
import { linkAccount } from "./import-account.ts";
import { createNewPatients, involvedPatientIds, matchPersons } from "./import-matching.ts";
import { place } from "./import-placement.ts";
import { planImport } from "./import-plan.ts";
import { ImportRefusedError } from "./import-refused.ts";
import { audit, type ImportReport, report } from "./import-report.ts";
import { buildRows, revisitReferences, settleUnchanged } from "./import-rows.ts";
import { type ImportState, newImportState, type WrittenRow } from "./import-state.ts";
import { findReferredPatients, findTakenHearthIds, loadRows } from "./import-stored.ts";
import { bumpVersions, findDeletes, updatePatients, write } from "./import-write.ts";

export interface ImportOptions {
  /** Username of the patient account the file's patient is, created if it does not exist. */
  account?: string | undefined;
  /** The time written rows are stamped with; the caller's clock (tests pass their own). */
  now?: Date | undefined;
}

export type { ImportedPatient, ImportReport } from "./import-report.ts";
export { ImportRefusedError };

/** One advisory lock for all imports: two runs can never both create the same new patient. */
const importLock = 0x4845_4152; // "HEAR"

/**
 * Imports one file of FHIR R4 (a Bundle or a single resource) in one transaction: all of it, or,
 * when it throws (FhirFileError, ImportRefusedError, anything else), none of it. Importing the
 * same file again changes nothing (docs/decisions/0010-fhir-ids-and-references.md).
 *
 * @example
 * const report = await importFhirFile(db, readFileSync(path, "utf8"), { account: "ana" });
 */
export async function importFhirFile(
  db: Database,
  text: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const plan = planImport(readFhirFile(text));
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${importLock})`);
    return run(newImportState(tx, plan), options);
  });
}

async function run(state: ImportState, options: ImportOptions): Promise<ImportReport> {
  await matchPersons(state);
  const account = options.account ? await linkAccount(state, options.account) : undefined;
  await createNewPatients(state);
  const involved = involvedPatientIds(state);
  await lockPatients(state.tx, involved);
  await loadRows(state, involved);
  await findReferredPatients(state);
  await findTakenHearthIds(state);
  place(state);
  const written: WrittenRow[] = buildRows(state);
  await settleUnchanged(state.tx, written);
  written.push(...(await revisitReferences(state, written)));
  const tombstones = findDeletes(state, involved);
  const versions = await bumpVersions(state, written, tombstones);
  await write(state.tx, written, tombstones, versions, options.now ?? new Date());
  await audit(state.tx, written, tombstones, versions);
  await updatePatients(state);
  return report(state, written, tombstones, account);
}
