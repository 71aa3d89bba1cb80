import { eq } from "drizzle-orm";
import { checkBody, checkSubject, normaliseText } from "../../../shared/contracts/inbox.ts";
import { canSeePatient, ownRecordOf } from "../../authorization.ts";
import { inboxThreads } from "../../db/schema.ts";
import { servesPatient } from "../../inbox/care-teams.ts";
import { projectMessages } from "../../inbox/communication.ts";
import { checkMessageId, storeMessage, type Thread } from "../../inbox/messages.ts";
import { takeSendAttempt } from "../../inbox/send-limit.ts";
import { bumpPatientVersion } from "../../records/patient-version.ts";
import { type MutationHandler, MutationRejected } from "./handler.ts";

/**
 * `message.send {messageId, threadId, body, careTeamId?, subject?}`: a patient's message to their
 * care team, written offline as readily as online (ADR 16). A thread id the server has not seen
 * starts a thread, to a team that serves the patient. Someone else's thread, or a team that does
 * not serve them, is REQ-304 — the same answer as for a thread that does not exist — and the
 * push route audits the refusal. The message and its FHIR Communication are written under the
 * patient's row lock, so the patient's devices pull it like any other part of the record.
 */
export const sendMessage: MutationHandler<"message.send"> = {
  // A new thread's id is new too, but an existing one is a reference: it stays a reference
  // here, so another patient's thread is answered REQ-304, as if it did not exist.
  creates: (args) => [args.messageId],
  async apply(tx, { user, now }, args) {
    const problem = checkBody(args.body);
    if (problem) throw new MutationRejected(problem);

    const [existing] = await tx
      .select()
      .from(inboxThreads)
      .where(eq(inboxThreads.id, args.threadId));
    let patientId: string;
    if (existing) {
      if (!(await canSeePatient(tx, user, existing.patientId)))
        throw new MutationRejected("REQ-304");
      if (existing.status === "closed") throw new MutationRejected("MSG-915");
      patientId = existing.patientId;
    } else {
      if (!args.careTeamId) throw new MutationRejected("MSG-916");
      const subjectProblem = checkSubject(args.subject ?? "");
      if (subjectProblem) throw new MutationRejected(subjectProblem);
      const own = await ownRecordOf(tx, user);
      if (!own || !(await servesPatient(tx, args.careTeamId, own))) {
        throw new MutationRejected("REQ-304");
      }
      patientId = own;
    }

    const id = await checkMessageId(tx, args.messageId, {
      threadId: args.threadId,
      authorId: user.id,
      body: args.body,
    });
    if (id === "taken") throw new MutationRejected("SYNC-801");
    if (id === "same-message") return { threadId: args.threadId, messageId: args.messageId };

    const attempt = await takeSendAttempt(tx, user, now);
    if (!attempt.ok) throw new MutationRejected("MSG-914");

    // The patient's row lock: from here on, writes to this patient wait for this one.
    const version = await bumpPatientVersion(tx, patientId);
    let thread: Thread | undefined = existing;
    if (!thread) {
      [thread] = await tx
        .insert(inboxThreads)
        .values({
          id: args.threadId,
          patientId,
          careTeamId: args.careTeamId as string,
          subject: normaliseText(args.subject ?? ""),
          startedBy: user.id,
          createdAt: now,
          lastMessageAt: now,
        })
        .onConflictDoNothing()
        .returning();
      // Another device made a thread with this id meanwhile: it is not this patient's to join.
      if (!thread) throw new MutationRejected("REQ-304");
    }
    await storeMessage(
      tx,
      thread,
      {
        id: args.messageId,
        authorId: user.id,
        authorName: user.displayName,
        side: "patient",
        body: args.body,
      },
      now,
    );
    await projectMessages(tx, version, thread.id, now, [args.messageId]);
    return { threadId: thread.id, messageId: args.messageId, patientId, version };
  },
};
