import { and, arrayOverlaps, inArray, isNull, or } from "drizzle-orm";
import { patients, resources } from "../db/schema.ts";
import type { PlannedEntry } from "./import-plan.ts";
import { batchSize, type ExistingRow, type ImportState, unique } from "./import-state.ts";
import { parseReference } from "./references.ts";

/** The stored rows this file may match, by owner, source key and identifier. */
export async function loadRows(state: ImportState, patientIds: string[]): Promise<void> {
  const columns = {
    id: resources.id,
    patientId: resources.patientId,
    resourceType: resources.resourceType,
    sourceKey: resources.sourceKey,
    identifierKeys: resources.identifierKeys,
    contentHash: resources.contentHash,
    deleted: resources.deleted,
    version: resources.version,
  };
  const loaded: ExistingRow[] = [];
  if (patientIds.length) {
    loaded.push(
      ...(await state.tx
        .select(columns)
        .from(resources)
        .where(inArray(resources.patientId, patientIds))),
    );
  }
  if (state.filePatients.length === 0) {
    // Directory entries: only those this file could be about.
    const keys = unique(state.plan.entries.map((p) => p.sourceKey));
    const identifiers = unique(state.plan.entries.flatMap((p) => p.identifierKeys));
    loaded.push(
      ...(await state.tx
        .select(columns)
        .from(resources)
        .where(
          and(
            isNull(resources.patientId),
            or(
              inArray(resources.sourceKey, keys),
              identifiers.length ? arrayOverlaps(resources.identifierKeys, identifiers) : undefined,
            ),
          ),
        )),
    );
  }
  for (const row of loaded) {
    const owner = row.patientId;
    const list = state.rows.get(owner) ?? [];
    list.push(row);
    state.rows.set(owner, list);
    state.bySource.set(`${owner}|${row.resourceType}|${row.sourceKey}`, row);
    for (const key of row.identifierKeys) {
      const k = `${owner}|${row.resourceType}|${key}`;
      const same = state.byIdentifier.get(k);
      if (same) same.push(row);
      else state.byIdentifier.set(k, [row]);
    }
  }
}

/** Stored patients named by references that are not whose record a resource is. */
export async function findReferredPatients(state: ImportState): Promise<void> {
  const ids = new Set<string>();
  for (const planned of state.plan.entries) {
    forEachUnresolved(state, planned, (parsed) => {
      if (parsed.kind === "relative" || parsed.kind === "absolute") {
        if (parsed.type === "Patient") ids.add(parsed.id);
      }
    });
  }
  const known = new Set(state.plan.persons.flatMap((p) => p.sourceKeys));
  const wanted = [...ids].filter((id) => !known.has(id));
  if (wanted.length === 0) return;
  const found = await state.tx
    .select({ id: patients.id, sourceKeys: patients.sourceKeys })
    .from(patients)
    .where(arrayOverlaps(patients.sourceKeys, wanted));
  for (const key of wanted) {
    const matches = found.filter((p) => p.sourceKeys.includes(key));
    if (matches.length === 1) state.referredPatients.set(key, (matches[0] as { id: string }).id);
  }
}

export async function findTakenHearthIds(state: ImportState): Promise<void> {
  const ids = unique(state.plan.entries.flatMap((p) => (p.hearthId ? [p.hearthId] : [])));
  for (let start = 0; start < ids.length; start += batchSize) {
    const rows = await state.tx
      .select({ id: resources.id })
      .from(resources)
      .where(inArray(resources.id, ids.slice(start, start + batchSize)));
    for (const row of rows) state.takenIds.add(row.id);
  }
}

function forEachUnresolved(
  state: ImportState,
  planned: PlannedEntry,
  visit: (parsed: ReturnType<typeof parseReference>) => void,
): void {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (typeof value === "object" && value !== null) {
      const ref = (value as { reference?: unknown }).reference;
      if (typeof ref === "string" && !state.plan.references.resolve(ref, planned.entry)) {
        visit(parseReference(ref));
      }
      for (const inner of Object.values(value)) walk(inner);
    }
  };
  walk(planned.entry.resource);
}
