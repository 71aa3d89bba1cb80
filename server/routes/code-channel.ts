import { eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  type CodeChannelStatus,
  type CodeSent,
  oneTimeCodeRequest,
  sendCodeRequest,
} from "../../shared/contracts/auth.ts";
import { recordAudit } from "../audit.ts";
import { hasAuthenticatorApp } from "../auth/authenticator-app.ts";
import { requireRecentAuthentication, requireUser, signedInAs } from "../auth/middleware.ts";
import {
  codeLifetimeMs,
  issueCode,
  maskAddress,
  redeemCode,
  resendAfterMs,
} from "../auth/one-time-codes.ts";
import { recoveryCodesLeft, replaceRecoveryCodes } from "../auth/recovery-codes.ts";
import { clearBuckets, secondStepPolicy, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import { recoveryCodes as recoveryCodesTable, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { addressOn, sendToPerson } from "../messaging/notify.ts";

/**
 * `/api/account/code-channel`: two-step sign-in by a code sent to the email address or phone
 * number on file. Turning it on proves the address receives codes (a code sent to it is typed
 * back); every change asks for a recent password (ASVS 7.5.1) and is audited.
 */
export function codeChannelRoutes(deps: Deps) {
  const { db, now } = deps;
  const recent = requireRecentAuthentication(now);

  return new Hono<AppEnv>()
    .use("*", requireUser)
    .get("/", async (c) => {
      const { user } = signedInAs(c);
      const body: CodeChannelStatus = {
        channel: user.codeChannel ?? null,
        email: user.email ? maskAddress("email", user.email) : null,
        phone: user.phone ? maskAddress("sms", user.phone) : null,
      };
      return c.json(body);
    })
    .post("/start", recent, async (c) => {
      const { user, session } = signedInAs(c);
      const { channel } = await readJson(c, sendCodeRequest);
      const to = addressOn(user, channel);
      if (!to) throw new ApiError("AUTH-111");
      const owner = { userId: user.id, purpose: "confirm-channel" as const, sessionId: session.id };
      const issued = await issueCode(db, owner, channel, now());
      if (!issued.ok) throw new ApiError("AUTH-110", undefined, issued.retryAfterMs);
      await sendToPerson(deps, user, channel, "confirmCode", {
        code: issued.code,
        minutes: String(codeLifetimeMs / 60_000),
      });
      return c.json<CodeSent>(
        { channel, to: maskAddress(channel, to), resendAfterSeconds: resendAfterMs / 1000 },
        202,
      );
    })
    .post("/confirm", recent, async (c) => {
      const { user, session } = signedInAs(c);
      const { code } = await readJson(c, oneTimeCodeRequest);
      // Wrong codes here are counted like a sign-in's (ASVS 6.6.3).
      const key = `second-step:${user.id}`;
      const attempt = await takeAttempt(db, [[key, secondStepPolicy]], now());
      if (!attempt.ok) throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
      const owner = { userId: user.id, purpose: "confirm-channel" as const, sessionId: session.id };
      const redeemed = await redeemCode(db, owner, code, now());
      if (!redeemed.ok) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "account.code-channel.add",
          outcome: "failure",
        });
        throw new ApiError("AUTH-106");
      }
      await clearBuckets(db, [key]);
      await db.update(users).set({ codeChannel: redeemed.channel }).where(eq(users.id, user.id));
      // Recovery codes come with the first second step, whichever it is (shown once).
      const recoveryCodes =
        (await recoveryCodesLeft(db, user.id)) === 0 && !(await hasAuthenticatorApp(db, user.id))
          ? await replaceRecoveryCodes(db, user.id, now())
          : [];
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.code-channel.add",
        outcome: "success",
        details: { channel: redeemed.channel },
      });
      return c.json({ recoveryCodes });
    })
    .post("/remove", recent, async (c) => {
      const { user } = signedInAs(c);
      await db.update(users).set({ codeChannel: null }).where(eq(users.id, user.id));
      if (!(await hasAuthenticatorApp(db, user.id))) {
        await db.delete(recoveryCodesTable).where(eq(recoveryCodesTable.userId, user.id));
      }
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.code-channel.remove",
        outcome: "success",
      });
      return c.body(null, 204);
    });
}
