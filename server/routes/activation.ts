import { and, eq, isNull, or } from "drizzle-orm";
import type { Context } from "hono";
import { Hono } from "hono";
import { activationCheckRequest, activationFinishRequest } from "../../shared/contracts/access.ts";
import type { SignInAnswer } from "../../shared/contracts/auth.ts";
import type { Me } from "../../shared/contracts/me.ts";
import { recordAudit } from "../audit.ts";
import {
  activationCodeDigest,
  activationPolicy,
  checkActivationCode,
} from "../auth/activation-codes.ts";
import { clearSessionCookie, readSessionCookie } from "../auth/cookie.ts";
import { startFullSession } from "../auth/full-session.ts";
import { hashPassword } from "../auth/password.ts";
import { newPasswordProblem } from "../auth/password-policy.ts";
import { invalidateSession, sessionIdOf, type User } from "../auth/session.ts";
import { addressPolicy, clearBuckets, refund, takeAttempt } from "../auth/throttle.ts";
import { usernameColumns } from "../auth/username-skeleton.ts";
import type { AppEnv, Deps } from "../context.ts";
import { activationCodes, patients, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";
import { readJson } from "../http/json-body.ts";
import { toMe } from "./me.ts";

/**
 * `/api/access/activation`: a patient turns the clinic's code into an account (ADR 18).
 *
 * - `POST /check {code, birthDate}` → 204 when both are right and the code is live.
 * - `POST /finish {code, birthDate, username, password, locale?}` → `{ me }`, signed in.
 *
 * A wrong code and a wrong birth date are one answer, AUTH-112; only someone with both right
 * hears that the code is spent (AUTH-113) or that a username is taken (AUTH-114) or looks like
 * one that is (AUTH-117: same UTS #39 skeleton, ADR 31). Tries are
 * throttled per code typed (known or not) and per address, like sign-in (ASVS 6.3.1, 6.4.1).
 */
export function activationRoutes(deps: Deps) {
  const { db, config, now } = deps;

  /** Throttles, then checks; answers the live code's row or throws the catalog error. */
  async function verify(c: Context<AppEnv>, code: string, birthDate: string, at: Date) {
    const codeKey = `activation:${activationCodeDigest(code)}`;
    const addressKey = `address:${addressBucket(clientAddress(c, config.trustProxy))}`;
    const attempt = await takeAttempt(
      db,
      [
        [codeKey, activationPolicy],
        [addressKey, addressPolicy],
      ],
      at,
    );
    if (!attempt.ok) {
      await recordAudit(db, c, {
        actorId: null,
        action: "access.activation",
        outcome: "denied",
        details: { reason: "throttled", retryAfterMs: attempt.retryAfterMs },
      });
      throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
    }
    const checked = await checkActivationCode(db, code, birthDate, at);
    // Code and birth date both right: whoever this is holds the letter and knows the patient,
    // so their tries are forgiven, and a refused password does not slow them down.
    if (checked.ok || checked.reason === "spent") await clearBuckets(db, [codeKey]);
    if (checked.ok) {
      // The address was charged before the check, and counts failures only.
      await refund(db, attempt, addressKey);
      return checked;
    }
    await recordAudit(db, c, {
      actorId: null,
      action: "access.activation",
      outcome: "failure",
      details: { reason: checked.reason },
    });
    throw new ApiError(checked.reason === "wrong" ? "AUTH-112" : "AUTH-113");
  }

  return new Hono<AppEnv>()
    .post("/check", async (c) => {
      const { code, birthDate } = await readJson(c, activationCheckRequest);
      await verify(c, code, birthDate, now());
      return c.body(null, 204);
    })
    .post("/finish", async (c) => {
      const body = await readJson(c, activationFinishRequest);
      const at = now();
      const live = await verify(c, body.code, body.birthDate, at);
      const problem = newPasswordProblem(body.password, { username: body.username });
      if (problem) throw new ApiError("REQ-302", [{ field: "password", problem }]);
      const chosen = usernameColumns(body.username);
      const [taken] = await db
        .select({ username: users.username })
        .from(users)
        .where(
          or(
            eq(users.username, chosen.username),
            eq(users.usernameSkeleton, chosen.usernameSkeleton),
          ),
        )
        .limit(1);
      if (taken) throw new ApiError(taken.username === chosen.username ? "AUTH-114" : "AUTH-117");
      const passwordHash = await hashPassword(body.password);
      const user = await createAccount(live, { ...body, passwordHash }, at);

      // As at sign-in: whatever session the browser came with ends (ASVS 7.2.4).
      const planted = readSessionCookie(c, config.secure);
      if (planted) {
        await invalidateSession(db, sessionIdOf(planted));
        clearSessionCookie(c, config.secure);
      }
      await recordAudit(db, c, {
        actorId: user.id,
        action: "access.activation",
        outcome: "success",
        patientId: live.patientId,
      });
      await startFullSession(deps, c, user, "password");
      return c.json<SignInAnswer<Me>>({ me: toMe(user) });
    });

  /**
   * The account and its link to the patient, in one transaction with the code used up: a code
   * raced by two tabs makes one account, and the other is told the code is spent.
   */
  async function createAccount(
    live: { codeId: string; patientId: string; patientName: string | null },
    chosen: { username: string; passwordHash: string; locale?: User["locale"] | undefined },
    at: Date,
  ): Promise<User> {
    try {
      return await db.transaction(async (tx) => {
        const used = await tx
          .update(activationCodes)
          .set({ usedAt: at })
          .where(and(eq(activationCodes.id, live.codeId), isNull(activationCodes.usedAt)))
          .returning({ id: activationCodes.id });
        if (used.length !== 1) throw new ApiError("AUTH-113");
        const [user] = await tx
          .insert(users)
          .values({
            ...usernameColumns(chosen.username),
            displayName: live.patientName ?? chosen.username,
            role: "patient",
            passwordHash: chosen.passwordHash,
            locale: chosen.locale ?? "en",
          })
          .returning();
        if (!user) throw new Error("insert returned no user");
        const linked = await tx
          .update(patients)
          .set({ accountId: user.id })
          .where(and(eq(patients.id, live.patientId), isNull(patients.accountId)))
          .returning({ id: patients.id });
        if (linked.length !== 1) throw new ApiError("AUTH-113");
        return user;
      });
    } catch (error) {
      // Someone took the username, or a look-alike of it, between the check and the insert.
      const violated = uniqueViolated(error);
      if (violated) throw new ApiError(violated.includes("skeleton") ? "AUTH-117" : "AUTH-114");
      throw error;
    }
  }
}

/** The name of the unique constraint the error broke ("" when unnamed), if it was one. */
function uniqueViolated(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const { code, constraint } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return typeof constraint === "string" ? constraint : "";
  }
  return undefined;
}
