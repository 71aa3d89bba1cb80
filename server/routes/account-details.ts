import { eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  changeEmailRequest,
  changePasswordRequest,
  changePhoneRequest,
} from "../../shared/contracts/account.ts";
import { defaultLocale } from "../../shared/locales/index.ts";
import { recordAudit } from "../audit.ts";
import { accountBucketId } from "../auth/account-named.ts";
import { writeSessionCookie } from "../auth/cookie.ts";
import {
  auditDeviceKeyRevocation,
  rebindDeviceKeys,
  revokeDeviceKeys,
} from "../auth/device-keys.ts";
import { requireRecentAuthentication, requireUser, signedInAs } from "../auth/middleware.ts";
import { hashPassword } from "../auth/password.ts";
import { newPasswordProblem } from "../auth/password-policy.ts";
import { generateSessionToken, sessionIdOf } from "../auth/session.ts";
import { emailChangePolicy, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import type { Database } from "../db/open.ts";
import { sessions, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { noticeTime, sendSecurityNotice } from "./account-notices.ts";

/**
 * `POST /api/account/password`, `/email`, `/phone`: changes to what the account signs in
 * and is reached with. Each needs the password within the last five minutes (AUTH-108;
 * ASVS 7.5.1) and tells the person, at the address they had before (ASVS 6.3.7).
 */
export function accountDetailRoutes(deps: Deps) {
  const { db, config, now } = deps;
  const recent = requireRecentAuthentication(now);

  return new Hono<AppEnv>()
    .post("/password", requireUser, recent, async (c) => {
      const { user, session } = signedInAs(c);
      const { newPassword } = await readJson(c, changePasswordRequest);
      const problem = newPasswordProblem(newPassword, {
        username: user.username,
        email: user.email,
      });
      if (problem) throw new ApiError("REQ-302", [{ field: "newPassword", problem }]);
      const passwordHash = await hashPassword(newPassword);
      const at = now();
      const token = generateSessionToken();
      let revoked: string[] = [];
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
        // Every session ends, this one too (ASVS 7.4.3): whoever else held the old password
        // is out. The person carries on in a brand-new session (ASVS 7.2.4) that keeps the
        // old one's start, so a password change does not stretch the absolute limit.
        await tx.delete(sessions).where(eq(sessions.userId, user.id));
        await tx.insert(sessions).values({
          id: sessionIdOf(token),
          userId: user.id,
          createdAt: session.createdAt,
          lastSeenAt: at,
          userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
          partial: false,
          secondStepFailures: 0,
          authenticatedAt: session.authenticatedAt,
        });
        // Every other device's copy is cut off with its session (ADR 29); this device's
        // keys follow it to its new session.
        const txDb = tx as unknown as Database;
        const scope = { all: true as const, keepSessionId: session.id };
        revoked = await revokeDeviceKeys(txDb, user.id, scope, "password-changed", at);
        await rebindDeviceKeys(txDb, user.id, session.id, sessionIdOf(token));
      });
      const left = session.createdAt.getTime() + config.sessionAbsoluteMs - at.getTime();
      writeSessionCookie(c, config.secure, token, left);
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.password.change",
        outcome: "success",
      });
      await auditDeviceKeyRevocation(db, c, {
        actorId: user.id,
        userId: user.id,
        reason: "password-changed",
        ids: revoked,
      });
      await sendSecurityNotice(deps, user, "passwordChanged", {
        time: noticeTime(user.locale ?? defaultLocale, at),
      });
      return c.body(null, 204);
    })
    .post("/email", requireUser, recent, async (c) => {
      const { user } = signedInAs(c);
      const { email } = await readJson(c, changeEmailRequest);
      if (email === user.email) return c.body(null, 204);
      // Codes keep going where they were confirmed: a new address would have to prove
      // itself first (the two-step page does that), or a typo would lock the person out.
      if (user.codeChannel === "email") throw new ApiError("AUTH-142");
      const at = now();
      const bucket = `account:${accountBucketId(user, user.username)}:email-change`;
      const attempt = await takeAttempt(db, [[bucket, emailChangePolicy]], at);
      if (!attempt.ok) {
        await audit("account.email.change", "denied", { reason: "throttled" });
        throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
      }
      const time = noticeTime(user.locale ?? defaultLocale, at);
      // An address another account holds gets the same answer as a free one, so this cannot
      // tell who has an account (ASVS 6.3.8); that account's owner hears of the try instead.
      const [owner] = await db.select().from(users).where(eq(users.email, email)).limit(1);
      let changed = !owner;
      if (changed) {
        try {
          await db.update(users).set({ email }).where(eq(users.id, user.id));
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          changed = false; // taken between the look and the write
        }
      }
      if (!changed) {
        await audit("account.email.change", "failure", { reason: "in-use" });
        const [holder] = owner
          ? [owner]
          : await db.select().from(users).where(eq(users.email, email)).limit(1);
        if (holder) await sendSecurityNotice(deps, holder, "emailInUse", { time });
        return c.body(null, 204);
      }
      await audit("account.email.change", "success");
      // To the old address: a person whose account was taken over hears of it where they still
      // read their mail.
      if (user.email) {
        await sendSecurityNotice(
          deps,
          user,
          "emailChanged",
          { time },
          {
            channel: "email",
            address: user.email,
          },
        );
      }
      return c.body(null, 204);

      function audit(
        action: string,
        outcome: "success" | "failure" | "denied",
        details?: Record<string, string>,
      ) {
        return recordAudit(db, c, { actorId: user.id, action, outcome, details });
      }
    })
    .post("/phone", requireUser, recent, async (c) => {
      const { user } = signedInAs(c);
      const { phone } = await readJson(c, changePhoneRequest);
      if (phone === user.phone) return c.body(null, 204);
      if (user.codeChannel === "sms") throw new ApiError("AUTH-142");
      await db.update(users).set({ phone }).where(eq(users.id, user.id));
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.phone.change",
        outcome: "success",
      });
      const time = noticeTime(user.locale ?? defaultLocale, now());
      // By email when there is one (it did not change); else a text to the old number.
      const to = user.email
        ? { channel: "email" as const, address: user.email }
        : user.phone
          ? { channel: "sms" as const, address: user.phone }
          : undefined;
      if (to) await sendSecurityNotice(deps, user, "phoneChanged", { time }, to);
      return c.body(null, 204);
    });
}

/** PostgreSQL's unique_violation, however the driver wraps it (pg, PGlite, drizzle). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
