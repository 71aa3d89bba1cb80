import { randomUUID } from "node:crypto";
import { arrayOverlaps, inArray, or } from "drizzle-orm";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { patients } from "../db/schema.ts";
import type { PlannedPerson } from "./import-plan.ts";
import { ImportRefusedError } from "./import-refused.ts";
import {
  type FilePatient,
  type ImportState,
  type StoredPatient,
  storedPatientColumns,
  unique,
} from "./import-state.ts";
import { patientNameOf } from "./patient-name.ts";

/** Finds each person of the file among the stored patients, by source id or identifier. */
export async function matchPersons(state: ImportState): Promise<void> {
  for (const person of state.plan.persons) {
    const found = await state.tx
      .select(storedPatientColumns)
      .from(patients)
      .where(matchingPatient(person));
    if (found.length > 1) {
      throw new ImportRefusedError(
        `${describePerson(person)} matches ${found.length} different patients already in Hearth (${found.map((p) => p.id).join(", ")}); refusing to merge them`,
      );
    }
    const stored = found[0];
    if (stored) checkSameIdentifiers(person, stored);
    const already = stored && state.filePatients.find((p) => p.id === stored.id);
    if (already) {
      already.persons.push(person);
      state.patientOfPerson.set(person, already);
      continue;
    }
    const filePatient: FilePatient = {
      id: stored?.id ?? newPatientId(state, person),
      persons: [person],
      stored,
      accountId: stored?.accountId ?? null,
    };
    state.filePatients.push(filePatient);
    state.patientOfPerson.set(person, filePatient);
  }
}

/** A Hearth export's patient keeps its id here too, unless this file already gave it out. */
function newPatientId(state: ImportState, person: PlannedPerson): string {
  const free = person.hearthIds.find((id) => !state.filePatients.some((p) => p.id === id));
  return free ?? randomUUID();
}

export async function createNewPatients(state: ImportState): Promise<void> {
  const fresh = state.filePatients.filter((p) => !p.stored);
  if (fresh.length === 0) return;
  await state.tx.insert(patients).values(
    fresh.map((p) => ({
      id: p.id,
      accountId: p.accountId,
      name: describeName(p),
      sourceKeys: unique(p.persons.flatMap((person) => person.sourceKeys)),
      identifierKeys: unique(p.persons.flatMap((person) => person.identifierKeys)),
    })),
  );
}

export function involvedPatientIds(state: ImportState): string[] {
  return unique(state.filePatients.map((p) => p.id)).sort();
}

/** A stored patient is this person when a source id, an identifier or its Hearth id matches. */
function matchingPatient(person: PlannedPerson) {
  const { sourceKeys, identifierKeys } = person;
  const conditions = [];
  if (sourceKeys.length) conditions.push(arrayOverlaps(patients.sourceKeys, sourceKeys));
  if (identifierKeys.length)
    conditions.push(arrayOverlaps(patients.identifierKeys, identifierKeys));
  const ids = unique([...person.hearthIds, ...sourceKeys.filter(isUuid)]);
  if (ids.length) conditions.push(inArray(patients.id, ids));
  return or(...conditions);
}

/**
 * A patient matched by one key but carrying a different value for the same identifier system
 * (another MRN, another SSN) is someone else: refuse rather than merge two people's records.
 */
function checkSameIdentifiers(person: PlannedPerson, stored: StoredPatient): void {
  for (const key of person.identifierKeys) {
    const system = key.slice(0, key.indexOf("|"));
    const storedValues = stored.identifierKeys.filter((k) => k.startsWith(`${system}|`));
    const incomingValues = person.identifierKeys.filter((k) => k.startsWith(`${system}|`));
    if (storedValues.length && !storedValues.some((k) => incomingValues.includes(k))) {
      throw new ImportRefusedError(
        `${describePerson(person)} has identifier ${key}, but the patient already in Hearth with the same id (${stored.id}) has ${storedValues.join(", ")}; refusing to merge two people`,
      );
    }
  }
}

function describePerson(person: PlannedPerson): string {
  const entry = person.patientEntries[0];
  if (entry) {
    const name = patientNameOf(entry.entry.resource);
    return `the Patient in entry ${entry.entry.position}${name ? ` (${name})` : ""}`;
  }
  return `the patient referred to as ${person.sourceKeys[0] ?? person.identifierKeys[0]}`;
}

export function describeName(filePatient: FilePatient): string | null {
  for (const person of filePatient.persons) {
    const entry = person.patientEntries.at(-1);
    if (entry) return patientNameOf(entry.entry.resource);
  }
  return filePatient.persons.find((p) => p.display)?.display ?? filePatient.stored?.name ?? null;
}

export function describePatient(filePatient: FilePatient): string {
  return describeName(filePatient) ?? filePatient.persons.map(describePerson).join(", ");
}
