import { eq, sql } from "drizzle-orm";
import { type Context, Hono } from "hono";
import {
  type CodeSent,
  oneTimeCodeRequest,
  recoveryCodeRequest,
  type SignInAnswer,
  sendCodeRequest,
} from "../../shared/contracts/auth.ts";
import type { Me } from "../../shared/contracts/me.ts";
import { recordAudit } from "../audit.ts";
import { secondStepMethodsOf, verifyAuthenticatorCode } from "../auth/authenticator-app.ts";
import { clearSessionCookie } from "../auth/cookie.ts";
import { startFullSession } from "../auth/full-session.ts";
import { requirePartialSession } from "../auth/middleware.ts";
import {
  codeLifetimeMs,
  issueCode,
  maskAddress,
  redeemCode,
  resendAfterMs,
} from "../auth/one-time-codes.ts";
import { redeemRecoveryCode } from "../auth/recovery-codes.ts";
import { invalidateSession } from "../auth/session.ts";
import { clearBuckets, secondStepPolicy, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import { sessions } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { addressOn, sendToPerson } from "../messaging/notify.ts";
import { toMe } from "./me.ts";

type Method = "totp" | "recovery-code" | "email-code" | "sms-code";

/** Wrong codes one sign-in may try before it has to start again from the password. */
export const codesPerSignIn = 5;

/**
 * `/api/auth/second-step`: the only routes a partial session reaches
 * (server/auth/partial-session.ts). Each code check is capped twice (ASVS 6.3.1, 6.6.3;
 * docs/abuse-cases.md 22): `codesPerSignIn` per sign-in, after which the partial session ends, and
 * the account's second-step bucket across sign-ins, which makes further tries wait.
 */
export function secondStepRoutes(deps: Deps) {
  const { db, config, now } = deps;

  /** The partial session, or 401; and one attempt from the account's bucket, or 429. */
  const begin = async (c: Context<AppEnv>) => {
    const partial = c.var.partial;
    if (!partial) throw new ApiError("AUTH-102");
    const key = `second-step:${partial.user.id}`;
    const attempt = await takeAttempt(db, [[key, secondStepPolicy]], now());
    if (!attempt.ok) throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
    return { ...partial, key };
  };

  /** A right code: the partial session is replaced by a full one with a new token. */
  const finish = async (
    c: Context<AppEnv>,
    partial: Awaited<ReturnType<typeof begin>>,
    method: Method,
  ) => {
    await clearBuckets(db, [partial.key]);
    await invalidateSession(db, partial.session.id);
    await startFullSession(deps, c, partial.user, method);
    return c.json<SignInAnswer<Me>>({ me: toMe(partial.user) });
  };

  /** A wrong code: counted against this sign-in, which ends at the cap. */
  const refuse = async (
    c: Context<AppEnv>,
    partial: Awaited<ReturnType<typeof begin>>,
    method: Method,
  ): Promise<never> => {
    const [row] = await db
      .update(sessions)
      .set({ secondStepFailures: sql`${sessions.secondStepFailures} + 1` })
      .where(eq(sessions.id, partial.session.id))
      .returning({ failures: sessions.secondStepFailures });
    const over = (row?.failures ?? codesPerSignIn) >= codesPerSignIn;
    await recordAudit(db, c, {
      actorId: partial.user.id,
      action: "auth.second-step",
      outcome: "failure",
      details: { method, endedSignIn: over },
    });
    if (over) {
      await invalidateSession(db, partial.session.id);
      clearSessionCookie(c, config.secure);
      throw new ApiError("AUTH-107");
    }
    throw new ApiError("AUTH-106");
  };

  return new Hono<AppEnv>()
    .get("/", async (c) => {
      const partial = c.var.partial;
      if (!partial) throw new ApiError("AUTH-102");
      return c.json({ methods: await secondStepMethodsOf(db, partial.user.id) });
    })
    .post("/totp", requirePartialSession, async (c) => {
      const { code } = await readJson(c, oneTimeCodeRequest);
      const partial = await begin(c);
      const ok = await verifyAuthenticatorCode(db, partial.user.id, code, now());
      return ok ? finish(c, partial, "totp") : refuse(c, partial, "totp");
    })
    .post("/recovery-code", requirePartialSession, async (c) => {
      const { code } = await readJson(c, recoveryCodeRequest);
      const partial = await begin(c);
      const ok = await redeemRecoveryCode(db, partial.user.id, code, now());
      return ok ? finish(c, partial, "recovery-code") : refuse(c, partial, "recovery-code");
    })
    .post("/send-code", async (c) => {
      // A code by email or SMS, only to the channel the account confirmed as its second step.
      const partial = c.var.partial;
      if (!partial) throw new ApiError("AUTH-102");
      const { channel } = await readJson(c, sendCodeRequest);
      const to = addressOn(partial.user, channel);
      if (partial.user.codeChannel !== channel || !to) throw new ApiError("AUTH-111");
      const owner = {
        userId: partial.user.id,
        purpose: "second-step" as const,
        sessionId: partial.session.id,
      };
      const issued = await issueCode(db, owner, channel, now());
      if (!issued.ok) throw new ApiError("AUTH-110", undefined, issued.retryAfterMs);
      await sendToPerson(deps, partial.user, channel, "signInCode", {
        code: issued.code,
        minutes: String(codeLifetimeMs / 60_000),
      });
      await recordAudit(db, c, {
        actorId: partial.user.id,
        action: "auth.second-step.code-sent",
        outcome: "success",
        details: { channel },
      });
      return c.json<CodeSent>(
        { channel, to: maskAddress(channel, to), resendAfterSeconds: resendAfterMs / 1000 },
        202,
      );
    })
    .post("/sent-code", requirePartialSession, async (c) => {
      const { code } = await readJson(c, oneTimeCodeRequest);
      const partial = await begin(c);
      const owner = {
        userId: partial.user.id,
        purpose: "second-step" as const,
        sessionId: partial.session.id,
      };
      const redeemed = await redeemCode(db, owner, code, now());
      const method = partial.user.codeChannel === "sms" ? "sms-code" : "email-code";
      return redeemed.ok ? finish(c, partial, method) : refuse(c, partial, method);
    });
}
