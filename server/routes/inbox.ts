import { and, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import {
  checkBody,
  type InboxSummary,
  type InboxThreadList,
  replyRequest,
} from "../../shared/contracts/inbox.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { recordAudit } from "../audit.ts";
import { signedInAs } from "../auth/middleware.ts";
import type { User } from "../auth/session.ts";
import { requireRole } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import { inboxMessages, inboxThreads } from "../db/schema.ts";
import { foreignIdAmong } from "../foreign-ids.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { listThreads, readThread } from "../inbox/clinician-inbox.ts";
import { projectMessages } from "../inbox/communication.ts";
import { checkMessageId, storeMessage } from "../inbox/messages.ts";
import { takeSendAttempt } from "../inbox/send-limit.ts";
import { writePatientData } from "../records/patient-version.ts";

/**
 * The clinicians' inbox (`/api/inbox`, ADR 16): online, because a clinician works at the
 * clinic, and reached only through `inboxThreadsVisibleTo` — threads of their care teams'
 * patients, never those patients' records. Anyone else is refused (AUTH-103), audited; a thread out of
 * reach answers 404 REQ-304, like one that does not exist, and the refusal is audited.
 * Every write also rewrites the thread's FHIR Communications, so the patient's devices pull it.
 */
export function inboxRoutes(deps: Deps) {
  const { db, now } = deps;

  /** The thread, for this clinician, or a 404 that is audited with what was asked for. */
  async function requireThread(c: Context<AppEnv>, user: User, action: string) {
    const threadId = c.req.param("id") ?? "";
    const thread = isUuid(threadId) ? await readThread(db, user, threadId) : undefined;
    if (thread) return thread;
    await recordAudit(db, c, {
      actorId: user.id,
      action,
      outcome: "denied",
      details: { thread: threadId.slice(0, 100) },
    });
    throw new ApiError("REQ-304");
  }

  return new Hono<AppEnv>()
    .use("*", requireRole(deps, "clinician", "inbox.access"))
    .get("/summary", async (c) => {
      const threads = await listThreads(db, signedInAs(c).user);
      const body: InboxSummary = { unreadThreads: threads.filter((t) => t.unread > 0).length };
      return c.json(body);
    })
    .get("/threads", async (c) => {
      const body: InboxThreadList = { threads: await listThreads(db, signedInAs(c).user) };
      return c.json(body);
    })
    .get("/threads/:id", async (c) => {
      const { user } = signedInAs(c);
      const thread = await requireThread(c, user, "inbox.read");
      await recordAudit(db, c, {
        actorId: user.id,
        action: "inbox.read",
        outcome: "success",
        patientId: thread.patientId,
        details: { thread: thread.id },
      });
      return c.json(thread);
    })
    .post("/threads/:id/replies", async (c) => {
      const { user } = signedInAs(c);
      const request = await readJson(c, replyRequest);
      const thread = await requireThread(c, user, "inbox.reply");
      const problem = checkBody(request.body);
      if (problem) throw new ApiError(problem);
      if (thread.status === "closed") throw new ApiError("MSG-915");
      const at = now();
      // Checked, refused or stored, and audited in one transaction (ASVS 16.3.2, 16.5.3): an id taken
      // meanwhile cannot slip between the check and the write, and no reply is kept unaudited.
      const answer = await writePatientData(db, thread.patientId, async (tx, version) => {
        // The reply's id is the page's choice: one held by another record is refused and
        // audited with it, as a patient's device is (server/foreign-ids.ts).
        const foreign = await foreignIdAmong(tx, [request.id], [thread.patientId]);
        if (foreign) {
          await recordAudit(tx, c, {
            actorId: user.id,
            action: "inbox.reply",
            outcome: "denied",
            patientId: foreign.patientId,
            details: { thread: thread.id, target: foreign.id, code: "SYNC-804" },
          });
          // Returned, not thrown: a throw would roll the refusal's audit row back with it.
          return "foreign" as const;
        }
        const id = await checkMessageId(tx, request.id, {
          threadId: thread.id,
          authorId: user.id,
          body: request.body,
        });
        if (id === "taken") throw new ApiError("SYNC-801");
        const audited = () =>
          recordAudit(tx, c, {
            actorId: user.id,
            action: "inbox.reply",
            outcome: "success",
            patientId: thread.patientId,
            details: { thread: thread.id, message: request.id },
          });
        // The page sent it before and the answer was lost: it is stored already, once.
        if (id === "same-message") return audited();
        const attempt = await takeSendAttempt(tx, user, at);
        if (!attempt.ok) throw new ApiError("MSG-914", undefined, attempt.retryAfterMs);
        const [row] = await tx.select().from(inboxThreads).where(eq(inboxThreads.id, thread.id));
        if (!row) throw new ApiError("REQ-304");
        const changed = await storeMessage(
          tx,
          row,
          {
            id: request.id,
            authorId: user.id,
            authorName: user.displayName,
            side: "care-team",
            body: request.body,
          },
          at,
        );
        await projectMessages(tx, version, thread.id, at, changed);
        return audited();
      });
      if (answer === "foreign") throw new ApiError("SYNC-804");
      return c.json(await readThread(db, user, thread.id), 201);
    })
    .post("/threads/:id/read", async (c) => {
      const { user } = signedInAs(c);
      const thread = await requireThread(c, user, "inbox.markRead");
      if (thread.unread > 0) {
        await writePatientData(db, thread.patientId, async (tx, version) => {
          const at = now();
          await tx
            .update(inboxMessages)
            .set({ readByTeamAt: at, readByTeamUser: user.id })
            .where(
              and(
                eq(inboxMessages.threadId, thread.id),
                eq(inboxMessages.authorSide, "patient"),
                isNull(inboxMessages.readByTeamAt),
              ),
            );
          await projectMessages(tx, version, thread.id, at);
          await recordAudit(tx, c, {
            actorId: user.id,
            action: "inbox.markRead",
            outcome: "success",
            patientId: thread.patientId,
            details: { thread: thread.id },
          });
        });
      }
      return c.json(await readThread(db, user, thread.id));
    })
    .post("/threads/:id/close", async (c) => {
      const { user } = signedInAs(c);
      const thread = await requireThread(c, user, "inbox.close");
      if (thread.status === "open") {
        await writePatientData(db, thread.patientId, async (tx, version) => {
          const at = now();
          await tx
            .update(inboxThreads)
            .set({ status: "closed", closedAt: at, awaitingReply: false })
            .where(eq(inboxThreads.id, thread.id));
          await projectMessages(tx, version, thread.id, at);
          await recordAudit(tx, c, {
            actorId: user.id,
            action: "inbox.close",
            outcome: "success",
            patientId: thread.patientId,
            details: { thread: thread.id },
          });
        });
      }
      return c.json(await readThread(db, user, thread.id));
    });
}
