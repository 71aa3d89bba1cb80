import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { passkeyAnswerRequest } from "../../shared/contracts/account.ts";
import type { SignInAnswer } from "../../shared/contracts/auth.ts";
import type { Me } from "../../shared/contracts/me.ts";
import { recordAudit } from "../audit.ts";
import { clearSessionCookie, readSessionCookie } from "../auth/cookie.ts";
import { digestOf } from "../auth/digest.ts";
import { startFullSession } from "../auth/full-session.ts";
import {
  claimChallenge,
  keepChallenge,
  passkeyChallengeMs,
  relyingParty,
  userHandleText,
} from "../auth/passkey.ts";
import { invalidateSession, sessionIdOf } from "../auth/session.ts";
import { addressPolicy, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import { passkeys, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";
import { readJson } from "../http/json-body.ts";
import { toMe } from "./me.ts";

/**
 * `POST /api/auth/passkey/options` and `/verify`: signing in with a passkey, no username and
 * no password. The passkey verifies the person itself (userVerification "required"), so it is
 * both steps at once (ADR 19): the answer is a full session, never a partial one.
 */
export function passkeySignInRoutes(deps: Deps) {
  const { db, config, now } = deps;

  return new Hono<AppEnv>()
    .post("/options", async (c) => {
      // Each call stores a row: per address, calls are throttled like sign-in failures and
      // only the newest few unused challenges are kept (docs/security.md).
      const address = addressBucket(clientAddress(c, config.trustProxy));
      const at = now();
      const attempt = await takeAttempt(db, [[`passkey-options:${address}`, addressPolicy]], at);
      if (!attempt.ok) throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
      const { rpID } = relyingParty(config, c);
      // No allowCredentials: the browser offers the passkeys it holds for this site, so the
      // server never says which accounts have one (ASVS 6.3.8).
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: "required",
        timeout: passkeyChallengeMs,
      });
      const source = digestOf(address);
      const challengeId = await keepChallenge(db, "sign-in", options.challenge, at, null, source);
      return c.json({ challengeId, options });
    })
    .post("/verify", async (c) => {
      const { challengeId, response } = await readJson(c, passkeyAnswerRequest);
      // As with a password: the session the browser arrived with dies here (ASVS 7.2.4).
      const planted = readSessionCookie(c, config.secure);
      if (planted) {
        await invalidateSession(db, sessionIdOf(planted));
        clearSessionCookie(c, config.secure);
      }
      const expectedChallenge = await claimChallenge(db, challengeId, "sign-in", now());
      if (!expectedChallenge) throw new ApiError("AUTH-146");

      const [found] = await db
        .select({ passkey: passkeys, user: users })
        .from(passkeys)
        .innerJoin(users, eq(passkeys.userId, users.id))
        .where(eq(passkeys.id, response.id));
      const refuse = async (reason: string) => {
        await recordAudit(db, c, {
          actorId: found?.user.id ?? null,
          action: "auth.sign-in",
          outcome: "failure",
          details: { method: "passkey", reason },
        });
        return new ApiError("AUTH-143");
      };
      if (!found) throw await refuse("unknown-passkey");
      const { passkey, user } = found;
      const answer = response as unknown as AuthenticationResponseJSON;
      // The passkey must speak for the account it is stored under.
      const handle = answer.response.userHandle;
      if (handle !== undefined && handle !== userHandleText(user.id)) {
        throw await refuse("wrong-user-handle");
      }
      const { origins, rpID } = relyingParty(config, c);
      let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | undefined;
      try {
        verified = await verifyAuthenticationResponse({
          response: answer,
          expectedChallenge,
          expectedOrigin: origins,
          expectedRPID: rpID,
          credential: {
            id: passkey.id,
            publicKey: isoBase64URL.toBuffer(passkey.publicKey),
            counter: passkey.counter,
            transports: passkey.transports,
          },
          requireUserVerification: true,
        });
      } catch (error) {
        // A counter that did not go up (a cloned authenticator) lands here too.
        console.warn("[passkeys] sign-in refused:", (error as Error).message);
      }
      if (!verified?.verified) throw await refuse("not-verified");
      // Only from the counter we checked against: of two racing uses of one answer, one wins.
      const claimed = await db
        .update(passkeys)
        .set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: now() })
        .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
        .returning({ id: passkeys.id });
      if (claimed.length === 0) throw await refuse("counter-race");
      await startFullSession(deps, c, user, "passkey");
      return c.json<SignInAnswer<Me>>({ me: toMe(user) });
    });
}
