import { and, eq, inArray, isNull } from "drizzle-orm";
import { canSeePatient } from "../../authorization.ts";
import { inboxMessages, inboxThreads } from "../../db/schema.ts";
import { projectMessages } from "../../inbox/communication.ts";
import { bumpPatientVersion } from "../../records/patient-version.ts";
import { type MutationHandler, MutationRejected } from "./handler.ts";

/**
 * `message.markRead {threadId, messageIds}`: the care team's messages the patient has seen,
 * named one by one so a reply that arrived after the device last synced is not marked read
 * unseen. Only messages still unread change (and only then does the record's version move).
 */
export const markRead: MutationHandler<"message.markRead"> = {
  creates: () => [],
  async apply(tx, { user, now }, { threadId, messageIds }) {
    const [thread] = await tx.select().from(inboxThreads).where(eq(inboxThreads.id, threadId));
    if (!thread || !(await canSeePatient(tx, user, thread.patientId))) {
      throw new MutationRejected("REQ-304");
    }
    const unread = and(
      eq(inboxMessages.threadId, threadId),
      inArray(inboxMessages.id, messageIds),
      eq(inboxMessages.authorSide, "care-team"),
      isNull(inboxMessages.readByPatientAt),
    );
    const waiting = await tx.select({ id: inboxMessages.id }).from(inboxMessages).where(unread);
    if (waiting.length === 0) return { marked: 0 };
    const version = await bumpPatientVersion(tx, thread.patientId);
    const marked = await tx
      .update(inboxMessages)
      .set({ readByPatientAt: now })
      .where(unread)
      .returning({ id: inboxMessages.id });
    await projectMessages(
      tx,
      version,
      threadId,
      now,
      marked.map((row) => row.id),
    );
    return { marked: marked.length };
  },
};
