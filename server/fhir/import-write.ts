import { eq, inArray, sql } from "drizzle-orm";
import { patients, resources } from "../db/schema.ts";
import { bumpPatientVersion, type Transaction } from "../records/patient-version.ts";
import { birthDateOf } from "./birth-date.ts";
import { identifierTokensOf, matchesToken } from "./identity.ts";
import { describeName } from "./import-matching.ts";
import {
  batchSize,
  type ExistingRow,
  type ImportState,
  unique,
  type WrittenRow,
} from "./import-state.ts";
import { patientNameOf } from "./patient-name.ts";
import { parseReference } from "./references.ts";

/** DELETE entries: tombstones for the matching rows of this file's patients. */
export function findDeletes(state: ImportState, involved: string[]): ExistingRow[] {
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

export async function bumpVersions(
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

export async function write(
  tx: Transaction,
  written: WrittenRow[],
  tombstones: ExistingRow[],
  versions: Map<string, number>,
  now: Date,
): Promise<void> {
  const rows = written
    .filter((w) => w.changed)
    .map((w) => ({
      ...w.row,
      version: w.owner ? (versions.get(w.owner) ?? 0) : 0,
      updatedAt: now,
    }));
  for (let start = 0; start < rows.length; start += batchSize) {
    await tx
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
    await tx
      .update(resources)
      .set({ deleted: true, version, updatedAt: now })
      .where(inArray(resources.id, ids));
  }
}

/** Name, birth date, keys and account of each patient, from what this file says. */
export async function updatePatients(state: ImportState): Promise<void> {
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
