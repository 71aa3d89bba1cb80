import { and, eq, isNull } from "drizzle-orm";
import type { AuthorSide } from "../../shared/contracts/inbox.ts";
import { normaliseText } from "../../shared/contracts/inbox.ts";
import { inboxMessages, inboxThreads, resources } from "../db/schema.ts";
import type { Transaction } from "../records/patient-version.ts";

export type Thread = typeof inboxThreads.$inferSelect;

/** What became of a message id the device made. */
export type IdCheck = "free" | "same-message" | "taken";

/**
 * Whether a device-made message id is free. The same message already stored (a Retry after an
 * answer was lost, sent under a new mutation id) is not a second message; an id that names
 * anything else — another message, or any resource of any record — is refused, so a device
 * cannot overwrite what it does not own by choosing its id.
 */
export async function checkMessageId(
  tx: Transaction,
  id: string,
  expected: { threadId: string; authorId: string; body: string },
): Promise<IdCheck> {
  const [message] = await tx.select().from(inboxMessages).where(eq(inboxMessages.id, id));
  if (message) {
    const same =
      message.threadId === expected.threadId &&
      message.authorId === expected.authorId &&
      message.body === normaliseText(expected.body);
    return same ? "same-message" : "taken";
  }
  const [resource] = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(eq(resources.id, id));
  return resource ? "taken" : "free";
}

/**
 * Stores a message and moves the thread on: a patient's message leaves the thread awaiting a
 * reply; a care-team reply answers it, and counts as the team having read what the patient
 * wrote. The caller holds the patient's row lock and projects the messages answered (the new
 * one and those it marked read).
 */
export async function storeMessage(
  tx: Transaction,
  thread: Thread,
  message: { id: string; authorId: string; authorName: string; side: AuthorSide; body: string },
  now: Date,
): Promise<string[]> {
  await tx.insert(inboxMessages).values({
    id: message.id,
    threadId: thread.id,
    authorId: message.authorId,
    authorSide: message.side,
    authorName: message.authorName,
    body: normaliseText(message.body),
    createdAt: now,
  });
  await tx
    .update(inboxThreads)
    .set({ lastMessageAt: now, awaitingReply: message.side === "patient" })
    .where(eq(inboxThreads.id, thread.id));
  if (message.side === "patient") return [message.id];
  const read = await tx
    .update(inboxMessages)
    .set({ readByTeamAt: now, readByTeamUser: message.authorId })
    .where(
      and(
        eq(inboxMessages.threadId, thread.id),
        eq(inboxMessages.authorSide, "patient"),
        isNull(inboxMessages.readByTeamAt),
      ),
    )
    .returning({ id: inboxMessages.id });
  return [message.id, ...read.map((row) => row.id)];
}
