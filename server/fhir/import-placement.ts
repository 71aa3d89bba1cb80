import { randomUUID } from "node:crypto";
import { identifierTokensOf, keysOfTokens, matchesToken } from "./identity.ts";
import type { PlannedEntry, PlannedPerson } from "./import-plan.ts";
import {
  type ExistingRow,
  type FilePatient,
  type ImportState,
  type Placement,
  unique,
} from "./import-state.ts";
import { parseReference } from "./references.ts";

/**
 * The records an entry goes to: its patient's; else every patient's of the file (a
 * Practitioner, an Organization); else the `--account` record; else the directory (null).
 */
function ownersOf(state: ImportState, planned: PlannedEntry): Array<string | null> {
  if (planned.person !== undefined) {
    const person = state.plan.persons[planned.person] as PlannedPerson;
    return [(state.patientOfPerson.get(person) as FilePatient).id];
  }
  const everyone = unique(state.filePatients.filter((p) => p.persons.length > 0).map((p) => p.id));
  if (everyone.length) return everyone;
  if (state.accountPatient) return [state.accountPatient.id];
  return [null];
}

/** Gives every planned entry its stored id in each record it goes to. */
export function place(state: ImportState): void {
  const claimed = new Set<string>();
  const patientRowTaken = new Set<string>();
  for (const rows of state.rows.values()) {
    for (const row of rows) if (row.resourceType === "Patient") patientRowTaken.add(row.id);
  }
  // Source-id matches first, then the row a Hearth export says it is (ADR 24), so that an
  // identifier match never steals a row another entry owns (and a re-keyed row never takes
  // a key another row holds).
  const byId = new Map<string, ExistingRow>();
  for (const rows of state.rows.values()) for (const row of rows) byId.set(row.id, row);
  const pending: Array<{ planned: PlannedEntry; owner: string | null }> = [];
  for (const planned of state.plan.entries) {
    for (const owner of ownersOf(state, planned)) {
      const same = planned.hearthId ? byId.get(planned.hearthId) : undefined;
      const row =
        state.bySource.get(`${owner}|${planned.type}|${planned.sourceKey}`) ??
        (same?.patientId === owner && same.resourceType === planned.type ? same : undefined);
      if (row && !claimed.has(row.id)) {
        claimed.add(row.id);
        addPlacement(state, { planned, owner, id: row.id, existing: row });
      } else {
        pending.push({ planned, owner });
      }
    }
  }
  for (const { planned, owner } of pending) {
    const row = planned.identifierKeys
      .flatMap((key) => state.byIdentifier.get(`${owner}|${planned.type}|${key}`) ?? [])
      .find((candidate) => !claimed.has(candidate.id));
    if (row) {
      claimed.add(row.id);
      addPlacement(state, { planned, owner, id: row.id, existing: row });
      continue;
    }
    // A patient's first Patient resource takes the patient's own id, so `Patient/<id>` is
    // both the resource and the record. A resource from a Hearth export keeps its id when
    // it is free, so that the two Hearths' exports of it are alike (ADR 24).
    let id: string = randomUUID();
    if (planned.hearthId && !state.takenIds.has(planned.hearthId)) id = planned.hearthId;
    if (planned.type === "Patient" && owner && !patientRowTaken.has(owner)) id = owner;
    state.takenIds.add(id);
    if (planned.type === "Patient") patientRowTaken.add(id);
    addPlacement(state, { planned, owner, id, existing: undefined });
  }
}

function addPlacement(state: ImportState, placement: Placement): void {
  if (placement.planned.type === "Patient" && placement.owner) {
    state.patientRowOf.set(placement.owner, placement.id);
  }
  const list = state.placements.get(placement.planned) ?? [];
  list.push(placement);
  state.placements.set(placement.planned, list);
}

/** The stored id a reference from a resource in `owner`'s record should carry, if any. */
export function rewrite(
  state: ImportState,
  reference: string,
  from: PlannedEntry,
  owner: string | null,
): string | undefined {
  const target = state.plan.references.resolve(reference, from.entry);
  if (target) {
    const planned = state.plan.plannedFor.get(target);
    const placements = planned ? state.placements.get(planned) : undefined;
    if (!planned || !placements?.length) return undefined;
    const placement = placements.find((p) => p.owner === owner) ?? placements[0];
    return `${planned.type}/${(placement as Placement).id}`;
  }
  const parsed = parseReference(reference);
  if (parsed.kind === "relative" || parsed.kind === "absolute") {
    if (parsed.type === "Patient") return rewritePatient(state, parsed.id, []);
    const row = state.bySource.get(`${owner}|${parsed.type}|${parsed.id}`);
    return row ? `${parsed.type}/${row.id}` : undefined;
  }
  if (parsed.kind === "conditional") {
    const tokens = identifierTokensOf(parsed.query);
    if (!tokens) return undefined;
    if (parsed.type === "Patient") return rewritePatient(state, undefined, keysOfTokens(tokens));
    const rows = (state.rows.get(owner) ?? []).filter(
      (r) =>
        r.resourceType === parsed.type && tokens.every((t) => matchesToken(r.identifierKeys, t)),
    );
    return rows.length === 1 ? `${parsed.type}/${(rows[0] as ExistingRow).id}` : undefined;
  }
  return undefined;
}

/** A reference to a patient outside the file: that patient's Patient resource, if known. */
function rewritePatient(
  state: ImportState,
  sourceKey: string | undefined,
  identifierKeys: string[],
): string | undefined {
  const person = state.plan.persons.find(
    (p) =>
      (sourceKey !== undefined && p.sourceKeys.includes(sourceKey)) ||
      p.identifierKeys.some((k) => identifierKeys.includes(k)),
  );
  const patientId = person
    ? state.patientOfPerson.get(person)?.id
    : sourceKey !== undefined
      ? state.referredPatients.get(sourceKey)
      : undefined;
  if (!patientId) return undefined;
  const sameSource = state.bySource.get(`${patientId}|Patient|${sourceKey}`);
  const anyStored = (state.rows.get(patientId) ?? []).find((r) => r.resourceType === "Patient");
  const id = sameSource?.id ?? state.patientRowOf.get(patientId) ?? anyStored?.id ?? patientId;
  return `Patient/${id}`;
}
