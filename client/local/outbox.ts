import type { MutationArgs, MutationName, MutationResult } from "../../shared/contracts/sync.ts";
import type { OutboxEntry, UserDatabase } from "./user-database.ts";

/**
 * What each mutation changes on the device at once, before the server has it, so the person
 * sees their write straight away (docs/architecture.md, "Push"). Runs again when the server applies
 * it, with the server's answer.
 */
const localEffects: {
  [N in MutationName]: (
    db: UserDatabase,
    author: string,
    args: MutationArgs<N>,
  ) => Promise<unknown>;
} = {
  "profile.setLanguage": (db, author, { locale }) => db.profile.update(author, { locale }),
  // Appointment changes are requests, not facts (ADR 17): the pages show them from the outbox
  // as "requested" until the pull brings the server's Appointment.
  "appointment.book": async () => undefined,
  "appointment.cancel": async () => undefined,
  "appointment.reschedule": async () => undefined,
  "appointment.checkIn": async () => undefined,
  // Messages being sent, and reads not yet told to the server, are shown from the outbox itself
  // (client/features/inbox) until the pull brings the server's Communication.
  "message.send": async () => undefined,
  "message.markRead": async () => undefined,
};

/**
 * Queues a write made on this device: a new mutation id (a uuid made here, so a retry is
 * recognisably the same write), bound to `author`, shown at once through its local effect.
 *
 * @example await addToOutbox(db, me.id, "profile.setLanguage", { locale: "es" });
 */
export async function addToOutbox<N extends MutationName>(
  db: UserDatabase,
  author: string,
  name: N,
  args: MutationArgs<N>,
  now = new Date(),
): Promise<OutboxEntry> {
  const entry: OutboxEntry = {
    id: crypto.randomUUID(),
    name,
    args,
    author,
    createdAt: now.toISOString(),
    state: "pending",
  };
  await db.transaction("rw", db.outbox, db.profile, async () => {
    entry.seq = await db.outbox.add(entry);
    await localEffects[name](db, author, args);
  });
  // This tab's sync engine sends it now (sync-engine.ts listens); others see it in Dexie.
  if (typeof window !== "undefined") window.dispatchEvent(new Event(outboxWriteEvent));
  return entry;
}

/** Dispatched on `window` after a write is queued. */
export const outboxWriteEvent = "hearth:outbox-write";

/** The next writes to send, oldest first; only `author`'s, whatever else the table holds. */
export function nextPending(
  db: UserDatabase,
  author: string,
  limit: number,
): Promise<OutboxEntry[]> {
  return db.outbox
    .orderBy("seq")
    .filter((entry) => entry.state === "pending" && !entry.applied && entry.author === author)
    .limit(limit)
    .toArray();
}

/** Writes of `author`'s still to be sent (applied ones only wait for the pull). */
export function countPending(db: UserDatabase, author: string): Promise<number> {
  return db.outbox
    .where("state")
    .equals("pending")
    .filter((entry) => entry.author === author && !entry.applied)
    .count();
}

/** The outbox keys of writes the server has applied, which the next complete pull settles. */
export async function appliedKeys(db: UserDatabase): Promise<number[]> {
  const applied = await db.outbox.filter((entry) => entry.applied === true).toArray();
  return applied.flatMap((entry) => (entry.seq === undefined ? [] : [entry.seq]));
}

/**
 * Records the server's answers: an applied write is marked so (its effect applied once more, as
 * the server saw it) and leaves with the next complete pull (pull.ts); a rejected one stays,
 * with its code, until the person has seen what to do about it — never dropped silently.
 */
export async function recordResults(
  db: UserDatabase,
  sent: readonly OutboxEntry[],
  results: readonly MutationResult[],
): Promise<void> {
  const byId = new Map(results.map((result) => [result.id, result]));
  await db.transaction("rw", db.outbox, db.profile, async () => {
    for (const entry of sent) {
      const result = byId.get(entry.id);
      if (!result || entry.seq === undefined) continue;
      if (result.status === "applied") {
        await db.outbox.update(entry.seq, { applied: true });
        await (
          localEffects[entry.name] as (
            db: UserDatabase,
            a: string,
            args: unknown,
          ) => Promise<unknown>
        )(db, entry.author, entry.args);
      } else {
        await db.outbox.update(entry.seq, {
          state: "rejected",
          code: result.code,
          ...(result.fields ? { fields: result.fields } : {}),
        });
      }
    }
  });
}

/** The person has read why a write was refused: it may go now. */
export async function dismissRejected(db: UserDatabase, seq: number): Promise<void> {
  await db.transaction("rw", db.outbox, async () => {
    if ((await db.outbox.get(seq))?.state === "rejected") await db.outbox.delete(seq);
  });
}
