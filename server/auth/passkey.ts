import { isoBase64URL } from "@simplewebauthn/server/helpers";
import { and, desc, eq, gt, isNull, lt, ne, notInArray } from "drizzle-orm";
import type { Context } from "hono";
import { isUuid } from "../../shared/contracts/uuid.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/open.ts";
import { passkeyChallenges } from "../db/schema.ts";

/** A WebAuthn ceremony must finish within this long; the browser's own timeout is the same. */
export const passkeyChallengeMs = 5 * 60_000;

/**
 * The origins a passkey ceremony may come from, and the relying party id (the host name) they
 * share: the configured public origin, and its loopback spellings when that is localhost
 * (as server/app.ts allows for the API itself). A passkey made for one RP id is useless on
 * another, which is what keeps a phishing site from using it (ASVS 6.7.1 via WebAuthn §7).
 */
export function relyingParty(config: Config, c: Context): { origins: string[]; rpID: string } {
  const url = new URL(config.publicOrigin);
  const port = url.port ? `:${url.port}` : "";
  const origins =
    url.hostname === "localhost"
      ? ["localhost", "127.0.0.1"].map((host) => `${url.protocol}//${host}${port}`)
      : [config.publicOrigin];
  // The page's own origin when it is one of ours (the same-origin middleware has checked it for
  // every POST); else the configured one.
  const origin = c.req.header("origin");
  const from = origin && origins.includes(origin) ? new URL(origin) : url;
  return { origins, rpID: from.hostname };
}

/**
 * How many unused sign-in challenges one address keeps: a person may start again in another
 * tab or two; more are somebody filling the table (docs/security.md).
 */
export const liveChallengesPerSource = 5;

/**
 * Keeps a challenge for one ceremony and answers its id, which the client sends back with the
 * authenticator's answer. Expired challenges are swept here, so the table stays small; with a
 * `source` (the asking address, digested), that source's older unused challenges beyond the
 * newest `liveChallengesPerSource` go too.
 */
export async function keepChallenge(
  db: Database,
  purpose: "register" | "sign-in",
  challenge: string,
  now: Date,
  sessionId: string | null = null,
  source: string | null = null,
): Promise<string> {
  await db.delete(passkeyChallenges).where(lt(passkeyChallenges.expiresAt, now));
  const [row] = await db
    .insert(passkeyChallenges)
    .values({
      purpose,
      sessionId,
      source,
      challenge,
      expiresAt: new Date(now.getTime() + passkeyChallengeMs),
    })
    .returning({ id: passkeyChallenges.id });
  if (!row) throw new Error("challenge not stored");
  if (source) {
    // This one, and the newest others up to the limit (ties in time broken by id).
    const others = and(
      eq(passkeyChallenges.source, source),
      isNull(passkeyChallenges.usedAt),
      ne(passkeyChallenges.id, row.id),
    );
    const kept = db
      .select({ id: passkeyChallenges.id })
      .from(passkeyChallenges)
      .where(others)
      .orderBy(desc(passkeyChallenges.expiresAt), desc(passkeyChallenges.id))
      .limit(liveChallengesPerSource - 1);
    await db.delete(passkeyChallenges).where(and(others, notInArray(passkeyChallenges.id, kept)));
  }
  return row.id;
}

/**
 * Claims a challenge for checking: live, unused, of this purpose (and session). A conditional
 * update marks it used, so it answers once even when two requests race: a replayed answer
 * finds nothing to claim (ASVS 6.5.1, single use). Null when there is none.
 */
export async function claimChallenge(
  db: Database,
  id: string,
  purpose: "register" | "sign-in",
  now: Date,
  sessionId: string | null = null,
): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(passkeyChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(passkeyChallenges.id, id),
        eq(passkeyChallenges.purpose, purpose),
        isNull(passkeyChallenges.usedAt),
        gt(passkeyChallenges.expiresAt, now),
        sessionId === null
          ? isNull(passkeyChallenges.sessionId)
          : eq(passkeyChallenges.sessionId, sessionId),
      ),
    )
    .returning({ challenge: passkeyChallenges.challenge });
  return row?.challenge ?? null;
}

/** The WebAuthn user handle of an account: its id's bytes, never the username (WebAuthn §14.6.1). */
export function userHandleOf(userId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(userId);
}

export function userHandleText(userId: string): string {
  return isoBase64URL.fromBuffer(userHandleOf(userId));
}
