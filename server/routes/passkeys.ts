import {
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  type PasskeySummary,
  passkeyAnswerRequest,
  removePasskeyRequest,
} from "../../shared/contracts/account.ts";
import { defaultLocale } from "../../shared/locales/index.ts";
import { recordAudit } from "../audit.ts";
import { describeDevice } from "../auth/device-name.ts";
import { requireRecentAuthentication, requireUser, signedInAs } from "../auth/middleware.ts";
import {
  claimChallenge,
  keepChallenge,
  passkeyChallengeMs,
  relyingParty,
  userHandleOf,
} from "../auth/passkey.ts";
import type { AppEnv, Deps } from "../context.ts";
import { passkeys } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { noticeTime, sendSecurityNotice } from "./account-notices.ts";

/** At most this many passkeys per account: each is a way in, and the list must stay readable. */
const passkeysPerAccount = 10;

/**
 * `/api/account/passkeys`: list, register (options, then verify) and remove the person's own
 * passkeys. Adding or removing one changes how the account signs in, so both need the password
 * within the last five minutes (AUTH-108; ASVS 7.5.1), and adding one is told by email.
 */
export function passkeyRoutes(deps: Deps) {
  const { db, config, now } = deps;
  const recent = requireRecentAuthentication(now);

  const listOf = async (userId: string): Promise<PasskeySummary[]> => {
    const rows = await db
      .select()
      .from(passkeys)
      .where(eq(passkeys.userId, userId))
      .orderBy(asc(passkeys.createdAt));
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    }));
  };

  return new Hono<AppEnv>()
    .get("/", requireUser, async (c) => c.json({ passkeys: await listOf(signedInAs(c).user.id) }))
    .post("/register/options", requireUser, recent, async (c) => {
      const { user, session } = signedInAs(c);
      const existing = await db
        .select({ id: passkeys.id, transports: passkeys.transports })
        .from(passkeys)
        .where(eq(passkeys.userId, user.id));
      if (existing.length >= passkeysPerAccount) throw new ApiError("AUTH-144");
      const { rpID } = relyingParty(config, c);
      const options = await generateRegistrationOptions({
        rpName: "Hearth",
        rpID,
        userName: user.username,
        userID: userHandleOf(user.id),
        userDisplayName: user.displayName,
        timeout: passkeyChallengeMs,
        attestationType: "none",
        // One passkey per authenticator: the browser says so rather than making a second.
        excludeCredentials: existing.map((row) => ({ id: row.id, transports: row.transports })),
        // A discoverable credential that verifies the person (PIN, biometrics): it is a whole
        // sign-in by itself, so it must be two factors in one (ASVS 6.7.x; NIST AAL2).
        authenticatorSelection: { residentKey: "required", userVerification: "required" },
      });
      const challengeId = await keepChallenge(db, "register", options.challenge, now(), session.id);
      return c.json({ challengeId, options });
    })
    .post("/register/verify", requireUser, recent, async (c) => {
      const { user, session } = signedInAs(c);
      const { challengeId, response } = await readJson(c, passkeyAnswerRequest);
      const expectedChallenge = await claimChallenge(
        db,
        challengeId,
        "register",
        now(),
        session.id,
      );
      if (!expectedChallenge) throw new ApiError("AUTH-146");
      const { origins, rpID } = relyingParty(config, c);
      let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verified = await verifyRegistrationResponse({
          response: response as unknown as RegistrationResponseJSON,
          expectedChallenge,
          expectedOrigin: origins,
          expectedRPID: rpID,
          requireUserVerification: true,
        });
      } catch (error) {
        console.warn("[passkeys] registration refused:", (error as Error).message);
        verified = { verified: false };
      }
      if (!verified.verified) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "account.passkey.add",
          outcome: "failure",
        });
        throw new ApiError("AUTH-144");
      }
      const { credential, credentialBackedUp } = verified.registrationInfo;
      const { browser, system } = describeDevice(c.req.header("user-agent"));
      const name = [browser, system].filter(Boolean).join(" · ") || "Passkey";
      const at = now();
      const stored = await db
        .insert(passkeys)
        .values({
          id: credential.id,
          userId: user.id,
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports ?? [],
          backedUp: credentialBackedUp,
          name,
          createdAt: at,
        })
        .onConflictDoNothing()
        .returning({ id: passkeys.id });
      // The same authenticator registered twice (or to someone else) adds nothing.
      if (stored.length === 0) throw new ApiError("AUTH-144");
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.passkey.add",
        outcome: "success",
        details: { name },
      });
      await sendSecurityNotice(deps, user, "passkeyAdded", {
        name,
        time: noticeTime(user.locale ?? defaultLocale, at),
      });
      return c.json({ passkeys: await listOf(user.id) });
    })
    .post("/remove", requireUser, recent, async (c) => {
      const { user } = signedInAs(c);
      const { id } = await readJson(c, removePasskeyRequest);
      // Only the person's own: another account's passkey id removes nothing (ASVS 8.2.2).
      const removed = await db
        .delete(passkeys)
        .where(and(eq(passkeys.id, id), eq(passkeys.userId, user.id)))
        .returning({ id: passkeys.id, name: passkeys.name });
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.passkey.remove",
        outcome: removed.length > 0 ? "success" : "failure",
      });
      const [gone] = removed;
      if (!gone) throw new ApiError("REQ-304");
      await sendSecurityNotice(deps, user, "passkeyRemoved", {
        name: gone.name,
        time: noticeTime(user.locale ?? defaultLocale, now()),
      });
      return c.json({ passkeys: await listOf(user.id) });
    });
}
