import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { auditEvents, patients, resources } from "../db/schema.ts";
import { bumpPatientVersion, lockPatients } from "../records/patient-version.ts";
import { readFhirFile, type SkippedEntry } from "./bundle-reader.ts";
import { identifierTokensOf, matchesToken } from "./identity.ts";
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
  batchSize,
  type ExistingRow,
  type ImportState,
  newImportState,
  unique,
  type WrittenRow,
} from "./import-state.ts";
import { findReferredPatients, findTakenHearthIds, loadRows } from "./import-stored.ts";
import { patientNameOf } from "./patient-name.ts";
import { parseReference } from "./references.ts";
import type { FhirResource } from "./types.ts";

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

/** DELETE entries: tombstones for the matching rows of this file's patients. */
function findDeletes(state: ImportState, involved: string[]): ExistingRow[] {
  const tombstones: ExistingRow[] = [];
  const written = new Set([...state.placements.values()].flat().map((p) => p.id));
  for (const request of state.plan.deletes) {
    const [path, query] = request.url.split("?", 2) as [string, string | undefined];
    const type = query !== undefined ? path : path.split("/")[0];
    if (type === "Patient") {
      state.plan.skipped.push({
        position: request.position,
        reason: `DELETE ${request.url}: an import never deletes a patient's whole record`,
      });
      continue;
    }
    if (involved.length === 0) {
      state.plan.skipped.push({
        position: request.position,
        reason: `DELETE ${request.url}: the file names no patient to delete from`,
      });
      continue;
    }
    const parsed = parseReference(request.url);
    const tokens = query !== undefined ? identifierTokensOf(query) : undefined;
    for (const patientId of involved) {
      for (const row of state.rows.get(patientId) ?? []) {
        if (row.resourceType !== type || row.deleted || written.has(row.id)) continue;
        const hit =
          parsed.kind === "relative"
            ? row.sourceKey === parsed.id
            : (tokens?.every((t) => matchesToken(row.identifierKeys, t)) ?? false);
        if (hit && !tombstones.includes(row)) tombstones.push(row);
      }
    }
  }
  return tombstones;
}

async function bumpVersions(
  state: ImportState,
  written: WrittenRow[],
  tombstones: ExistingRow[],
): Promise<Map<string, number>> {
  const touched = unique([
    ...written.filter((w) => w.changed && w.owner).map((w) => w.owner as string),
    ...tombstones.map((t) => t.patientId as string),
    // A patient created by this file is a change even before it has rows.
    ...state.filePatients.filter((p) => !p.stored).map((p) => p.id),
  ]).sort();
  const versions = new Map<string, number>();
  for (const id of touched) versions.set(id, await bumpPatientVersion(state.tx, id));
  return versions;
}

async function write(
  state: ImportState,
  written: WrittenRow[],
  tombstones: ExistingRow[],
  versions: Map<string, number>,
): Promise<void> {
  const now = new Date();
  const rows = written
    .filter((w) => w.changed)
    .map((w) => ({
      ...w.row,
      version: w.owner ? (versions.get(w.owner) ?? 0) : 0,
      updatedAt: now,
    }));
  for (let start = 0; start < rows.length; start += batchSize) {
    await state.tx
      .insert(resources)
      .values(rows.slice(start, start + batchSize))
      .onConflictDoUpdate({
        target: resources.id,
        set: {
          resource: sql`excluded.resource`,
          sourceKey: sql`excluded.source_key`,
          identifierKeys: sql`excluded.identifier_keys`,
          contentHash: sql`excluded.content_hash`,
          effectiveAt: sql`excluded.effective_at`,
          status: sql`excluded.status`,
          codeSystem: sql`excluded.code_system`,
          code: sql`excluded.code`,
          category: sql`excluded.category`,
          version: sql`excluded.version`,
          deleted: false,
          updatedAt: now,
        },
      });
  }
  for (const [patientId, version] of versions) {
    const ids = tombstones.filter((t) => t.patientId === patientId).map((t) => t.id);
    if (ids.length === 0) continue;
    await state.tx
      .update(resources)
      .set({ deleted: true, version, updatedAt: now })
      .where(inArray(resources.id, ids));
  }
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

/** Name, birth date, keys and account of each patient, from what this file says. */
async function updatePatients(state: ImportState): Promise<void> {
  for (const filePatient of state.filePatients) {
    const patientEntries = filePatient.persons.flatMap((p) => p.patientEntries);
    const latest = patientEntries.at(-1)?.entry.resource;
    // A reference to the patient's own Hearth id (from Hearth's export) adds no new key.
    const sourceKeys = unique([
      ...(filePatient.stored?.sourceKeys ?? []),
      ...filePatient.persons
        .flatMap((p) => p.sourceKeys)
        .filter((key) => key !== filePatient.id || !filePatient.stored),
    ]);
    const identifierKeys = unique([
      ...(filePatient.stored?.identifierKeys ?? []),
      ...filePatient.persons.flatMap((p) => p.identifierKeys),
    ]);
    await state.tx
      .update(patients)
      .set({
        sourceKeys,
        identifierKeys,
        accountId: filePatient.accountId,
        // A placeholder takes its name from references' display text until a Patient arrives.
        ...(latest
          ? { name: patientNameOf(latest), birthDate: birthDateOf(latest) }
          : filePatient.stored?.name
            ? {}
            : { name: describeName(filePatient) }),
      })
      .where(eq(patients.id, filePatient.id));
  }
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

function birthDateOf(patient: FhirResource): string | null {
  return typeof patient.birthDate === "string" ? patient.birthDate : null;
}
