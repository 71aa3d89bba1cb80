import { sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { auditEvents } from "../db/schema.ts";
import { lockPatients } from "../records/patient-version.ts";
import { birthDateOf } from "./birth-date.ts";
import { readFhirFile, type SkippedEntry } from "./bundle-reader.ts";
import { type LinkedAccount, linkAccount } from "./import-account.ts";
import {
  createNewPatients,
  describeName,
  involvedPatientIds,
  matchPersons,
} from "./import-matching.ts";
import { place } from "./import-placement.ts";
import { planImport } from "./import-plan.ts";
import { ImportRefusedError } from "./import-refused.ts";
import { buildRows, revisitReferences, settleUnchanged } from "./import-rows.ts";
import {
  type ExistingRow,
  type ImportState,
  newImportState,
  type WrittenRow,
} from "./import-state.ts";
import { findReferredPatients, findTakenHearthIds, loadRows } from "./import-stored.ts";
import { bumpVersions, findDeletes, updatePatients, write } from "./import-write.ts";
import { patientNameOf } from "./patient-name.ts";

export interface ImportOptions {
  /** Username of the patient account the file's patient is, created if it does not exist. */
  account?: string | undefined;
}

export interface ImportedPatient {
  id: string;
  name: string | null;
  birthDate: string | null;
  /** new: not in Hearth before; existing: matched by id or identifier; placeholder: new, and the
   * file has no Patient resource for it (only references to it, or `--account` alone). */
  outcome: "new" | "existing" | "placeholder";
  account: string | null;
}

export interface ImportReport {
  description: string;
  patients: ImportedPatient[];
  /** Resources in the file now stored, by resourceType (a directory entry counts once). */
  counts: Record<string, number>;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Resources kept as directory entries because the file names no patient. */
  directory: number;
  /** The username of an account `--account` created (it has no password until activated). */
  accountCreated: string | null;
  skipped: SkippedEntry[];
}

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
  await settleUnchanged(state, written);
  written.push(...(await revisitReferences(state, written)));
  const tombstones = findDeletes(state, involved);
  const versions = await bumpVersions(state, written, tombstones);
  await write(state, written, tombstones, versions);
  await audit(state, written, tombstones, versions);
  await updatePatients(state);
  return report(state, written, tombstones, account);
}

/** One audit event per patient whose record this import changed (HIPAA §164.312(b)). */
async function audit(
  state: ImportState,
  written: WrittenRow[],
  tombstones: ExistingRow[],
  versions: Map<string, number>,
): Promise<void> {
  const events = [...versions].map(([patientId, version]) => {
    const mine = written.filter((w) => w.owner === patientId && w.changed);
    return {
      actorId: null,
      action: "record.import",
      outcome: "success" as const,
      patientId,
      details: {
        version,
        created: mine.filter((w) => !w.existing).length,
        updated: mine.filter((w) => w.existing).length,
        deleted: tombstones.filter((t) => t.patientId === patientId).length,
      },
    };
  });
  if (events.length) await state.tx.insert(auditEvents).values(events);
}

function report(
  state: ImportState,
  written: WrittenRow[],
  tombstones: ExistingRow[],
  account: LinkedAccount | undefined,
): ImportReport {
  const counts: Record<string, number> = {};
  for (const planned of state.plan.entries) counts[planned.type] = (counts[planned.type] ?? 0) + 1;
  return {
    description: state.plan.description,
    patients: state.filePatients.map((p) => {
      const latest = p.persons.flatMap((person) => person.patientEntries).at(-1)?.entry.resource;
      return {
        id: p.id,
        name: latest ? patientNameOf(latest) : (p.stored?.name ?? describeName(p)),
        birthDate: latest ? birthDateOf(latest) : null,
        outcome: p.stored ? "existing" : latest ? "new" : "placeholder",
        account: p.accountId && account && p.accountId === account.id ? account.username : null,
      };
    }),
    counts,
    created: written.filter((w) => !w.existing).length,
    updated: written.filter((w) => w.existing && w.changed).length,
    unchanged: written.filter((w) => !w.changed).length,
    deleted: tombstones.length,
    directory: written.filter((w) => w.owner === null).length,
    accountCreated: account?.created ? account.username : null,
    skipped: [...state.plan.skipped].sort((a, b) => a.position - b.position),
  };
}
