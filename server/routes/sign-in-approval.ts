import { sha256 } from "@oslojs/crypto/sha2";
import { and, desc, eq, gt, ne } from "drizzle-orm";
import { Hono } from "hono";
import {
  type ApprovalRequest,
  type ApprovalWait,
  approvalAnswer,
  approvalLifetimeMs,
} from "../../shared/contracts/approval.ts";
import type { SignInAnswer } from "../../shared/contracts/auth.ts";
import type { Me } from "../../shared/contracts/me.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { recordAudit } from "../audit.ts";
import { describeDevice } from "../auth/device-name.ts";
import { startFullSession } from "../auth/full-session.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import { invalidateSession } from "../auth/session.ts";
import { clearBuckets, secondStepPolicy, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import { sessions, signInApprovals } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { toMe } from "./me.ts";

/** A two-digit number, 10–99, so it reads the same in every script and is quick to compare. */
function twoDigits(): number {
  const [byte = 0] = crypto.getRandomValues(new Uint8Array(1));
  return 10 + (byte % 90);
}

/**
 * The right number and two others, in ascending order so the position says nothing. The others
 * come from the request's id, so every poll shows the same three.
 */
export function choicesFor(id: string, number: number): number[] {
  const bytes = sha256(new TextEncoder().encode(id));
  const picked = new Set([number]);
  for (const byte of bytes) {
    if (picked.size === 3) break;
    picked.add(10 + (byte % 90));
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * `/api/auth/second-step/approval`, for the partial session of the device signing in: ask, then
 * poll. Only GET is polled; the approval itself is answered on the other device, and the poll
 * that sees it takes the same path as every other second step: the partial session ends and a
 * new full one is issued here (startFullSession; ASVS 7.2.4).
 */
export function approvalRequestRoutes(deps: Deps) {
  const { db, now } = deps;

  /** Whether the account has a full session somewhere that could answer a request. */
  const hasFullSession = async (userId: string) => {
    const [row] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.partial, false)))
      .limit(1);
    return row !== undefined;
  };

  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const partial = c.var.partial;
      if (!partial) throw new ApiError("AUTH-102");
      const [request] = await db
        .select()
        .from(signInApprovals)
        .where(eq(signInApprovals.partialSessionId, partial.session.id))
        .orderBy(desc(signInApprovals.createdAt))
        .limit(1);
      if (!request) {
        return c.json<ApprovalWait>({
          state: "none",
          available: await hasFullSession(partial.user.id),
        });
      }
      if (request.state === "denied") throw new ApiError("AUTH-171");
      if (request.state === "approved") {
        await db.delete(signInApprovals).where(eq(signInApprovals.id, request.id));
        await clearBuckets(db, [`second-step:${partial.user.id}`]);
        await invalidateSession(db, partial.session.id);
        await startFullSession(deps, c, partial.user, "device-approval");
        return c.json<SignInAnswer<Me>>({ me: toMe(partial.user) });
      }
      if (request.expiresAt.getTime() <= now().getTime()) throw new ApiError("AUTH-172");
      return c.json<ApprovalWait>({
        state: "pending",
        number: request.number,
        expiresAt: request.expiresAt.toISOString(),
      });
    })
    .post("/", async (c) => {
      const partial = c.var.partial;
      if (!partial) throw new ApiError("AUTH-102");
      // Each request counts against the account's second-step bucket: a stolen password cannot
      // be used to keep the person's other devices asking.
      const attempt = await takeAttempt(
        db,
        [[`second-step:${partial.user.id}`, secondStepPolicy]],
        now(),
      );
      if (!attempt.ok) throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
      if (!(await hasFullSession(partial.user.id))) throw new ApiError("AUTH-170");
      const at = now();
      // One request per sign-in: asking again replaces the earlier one.
      await db
        .delete(signInApprovals)
        .where(eq(signInApprovals.partialSessionId, partial.session.id));
      const [row] = await db
        .insert(signInApprovals)
        .values({
          userId: partial.user.id,
          partialSessionId: partial.session.id,
          number: twoDigits(),
          device: (c.req.header("user-agent") ?? "").slice(0, 512),
          createdAt: at,
          expiresAt: new Date(at.getTime() + approvalLifetimeMs),
        })
        .returning();
      if (!row) throw new ApiError("SRV-501");
      await recordAudit(db, c, {
        actorId: partial.user.id,
        action: "auth.approval.requested",
        outcome: "success",
        details: { request: row.id },
      });
      return c.json<ApprovalWait>(
        { state: "pending", number: row.number, expiresAt: row.expiresAt.toISOString() },
        201,
      );
    });
}

/**
 * `/api/account/approvals`, for the person's full sessions: the requests waiting for an answer,
 * and the answer. Only the same person's requests are found; anyone else's answer 404 exactly as
 * a request that does not exist (and the refusal is audited).
 */
export function approvalAnswerRoutes(deps: Deps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .get("/", requireUser, async (c) => {
      const { user, session } = signedInAs(c);
      const rows = await db
        .select()
        .from(signInApprovals)
        .where(
          and(
            eq(signInApprovals.userId, user.id),
            eq(signInApprovals.state, "pending"),
            gt(signInApprovals.expiresAt, now()),
            // A session never answers its own sign-in (it is a full one, so it cannot be).
            ne(signInApprovals.partialSessionId, session.id),
          ),
        )
        .orderBy(desc(signInApprovals.createdAt));
      return c.json<{ requests: ApprovalRequest[] }>({
        requests: rows.map((row) => {
          const { browser, system } = describeDevice(row.device);
          return {
            id: row.id,
            browser: browser ?? null,
            system: system ?? null,
            createdAt: row.createdAt.toISOString(),
            expiresAt: row.expiresAt.toISOString(),
            choices: choicesFor(row.id, row.number),
          };
        }),
      });
    })
    .post("/:id", requireUser, async (c) => {
      const { user } = signedInAs(c);
      const { decision, number } = await readJson(c, approvalAnswer);
      const id = c.req.param("id");
      const [row] = isUuid(id)
        ? await db
            .select()
            .from(signInApprovals)
            .where(and(eq(signInApprovals.id, id), eq(signInApprovals.userId, user.id)))
        : [];
      if (!row) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "auth.approval.answer",
          outcome: "denied",
          details: { request: id.slice(0, 64), reason: "not-found" },
        });
        throw new ApiError("REQ-304");
      }
      if (row.state !== "pending" || row.expiresAt.getTime() <= now().getTime()) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "auth.approval.answer",
          outcome: "failure",
          details: { request: row.id, reason: row.state === "pending" ? "expired" : row.state },
        });
        throw new ApiError("AUTH-172");
      }
      const right = decision === "approve" && number === row.number;
      // Conditional on still pending and unexpired, so two answers at once cannot both count.
      const [answered] = await db
        .update(signInApprovals)
        .set({ state: right ? "approved" : "denied" })
        .where(
          and(
            eq(signInApprovals.id, row.id),
            eq(signInApprovals.state, "pending"),
            gt(signInApprovals.expiresAt, now()),
          ),
        )
        .returning({ id: signInApprovals.id });
      if (!answered) throw new ApiError("AUTH-172");
      const reason = decision === "deny" ? "denied" : right ? "approved" : "wrong-number";
      await recordAudit(db, c, {
        actorId: user.id,
        action: "auth.approval.answer",
        outcome: right ? "success" : "failure",
        details: { request: row.id, reason },
      });
      if (decision === "approve" && !right) throw new ApiError("AUTH-173");
      return c.json({ state: right ? "approved" : "denied" });
    });
}
