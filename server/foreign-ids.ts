import { eq, inArray } from "drizzle-orm";
import { isUuid } from "../shared/contracts/uuid.ts";
import type { Database } from "./db/open.ts";
import { appointments, inboxMessages, inboxThreads, patients, resources } from "./db/schema.ts";

/** An id a write was given that is already used outside the records it may write to. */
export interface ForeignId {
  id: string;
  /** Whose record holds it; null for a shared directory entry, which is nobody's to rewrite. */
  patientId: string | null;
}

/**
 * THE check for ids a device chose or named (docs/security.md): the first of `ids` that is
 * already used in a record other than `writable` — a resource, an appointment, a thread, a
 * message or the patient itself — or in no record at all. Writes upsert on the id they are
 * given, so without this a patient could choose another patient's id and overwrite what it
 * names. An id used nowhere, or only in `writable`, is the caller's to judge (a retry, a
 * reference to one's own visit).
 *
 * `writable` is the record (or records) the write may touch: for a patient's mutation the
 * records `patientsVisibleTo` them (server/authorization.ts), for a clinician's reply the thread's.
 */
export async function foreignIdAmong(
  db: Pick<Database, "select">,
  ids: readonly string[],
  writable: readonly string[],
): Promise<ForeignId | undefined> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return undefined;
  const holders: ForeignId[] = [
    ...(await db
      .select({ id: resources.id, patientId: resources.patientId })
      .from(resources)
      .where(inArray(resources.id, wanted))),
    ...(await db
      .select({ id: appointments.id, patientId: appointments.patientId })
      .from(appointments)
      .where(inArray(appointments.id, wanted))),
    ...(await db
      .select({ id: inboxThreads.id, patientId: inboxThreads.patientId })
      .from(inboxThreads)
      .where(inArray(inboxThreads.id, wanted))),
    ...(await db
      .select({ id: inboxMessages.id, patientId: inboxThreads.patientId })
      .from(inboxMessages)
      .innerJoin(inboxThreads, eq(inboxThreads.id, inboxMessages.threadId))
      .where(inArray(inboxMessages.id, wanted))),
    ...(await db
      .select({ id: patients.id, patientId: patients.id })
      .from(patients)
      .where(inArray(patients.id, wanted))),
  ];
  return holders.find((held) => held.patientId === null || !writable.includes(held.patientId));
}

/** Every uuid anywhere in a request's arguments: the ids it chose and the ids it names. */
export function uuidsIn(value: unknown, found: string[] = [], depth = 0): string[] {
  // Arguments are validated before this runs; the depth bound is only a backstop.
  if (depth > 32) return found;
  if (typeof value === "string") {
    if (isUuid(value)) found.push(value.toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) uuidsIn(item, found, depth + 1);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) uuidsIn(item, found, depth + 1);
  }
  return found;
}
