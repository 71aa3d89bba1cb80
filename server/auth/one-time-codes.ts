import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { oneTimeCodes, users } from "../db/schema.ts";
import type { Channel } from "../messaging/transport.ts";
import { digestOf } from "./digest.ts";

/** A code by email or SMS: 6 digits, valid 10 minutes, single use (ASVS 6.6.1, 6.6.2). */
export const codeLifetimeMs = 10 * 60_000;
/** Wrong tries one code survives before it is dead (ASVS 6.6.3). */
export const attemptsPerCode = 5;
/** A new code at most once a minute, and five an hour (each is a message someone pays for). */
export const resendAfterMs = 60_000;
export const codesPerHour = 5;

export type CodePurpose = "second-step" | "password-reset" | "confirm-channel";

interface CodeOwner {
  userId: string;
  purpose: CodePurpose;
  /** For a second step or a confirmation: the session the code belongs to. */
  sessionId?: string | undefined;
}

/** Six uniformly random digits (rejection sampling: no modulo bias). */
export function randomSixDigits(): string {
  const buffer = new Uint32Array(1);
  const limit = 4_294_000_000; // the largest multiple of 10^6 below 2^32
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] ?? limit;
    if (value < limit) return String(value % 1_000_000).padStart(6, "0");
  }
}

/**
 * Stored as SHA-256 of the row's id and the code: a code lives 10 minutes and dies after 5
 * wrong tries, so the digest only has to keep a copy of the table from being a list of codes.
 */
function codeHashOf(id: string, code: string): string {
  return digestOf(`${id}:${code}`);
}

/**
 * Issues a new code and kills the owner's earlier ones for the same purpose, unless one was
 * issued less than a minute ago or five in the last hour: then answers how long to wait
 * (the person is told "try again in …", AUTH-110). The user's row is locked meanwhile, so two
 * parallel requests cannot both slip under the limit.
 *
 * @example
 * const issued = await issueCode(db, { userId, purpose: "second-step", sessionId }, "email", now);
 * if (!issued.ok) throw new ApiError("AUTH-110", undefined, issued.retryAfterMs);
 */
export async function issueCode(
  db: Database,
  owner: CodeOwner,
  channel: Channel,
  now: Date,
): Promise<{ ok: true; code: string } | { ok: false; retryAfterMs: number }> {
  return db.transaction(async (tx) => {
    await tx.select({ id: users.id }).from(users).where(eq(users.id, owner.userId)).for("update");
    const recent = await tx
      .select({ createdAt: oneTimeCodes.createdAt })
      .from(oneTimeCodes)
      .where(
        and(
          eq(oneTimeCodes.userId, owner.userId),
          eq(oneTimeCodes.purpose, owner.purpose),
          gt(oneTimeCodes.createdAt, new Date(now.getTime() - 3_600_000)),
        ),
      )
      .orderBy(desc(oneTimeCodes.createdAt));
    const last = recent[0]?.createdAt.getTime();
    const oldest = recent.at(-1)?.createdAt.getTime();
    const waits = [
      last === undefined ? 0 : last + resendAfterMs - now.getTime(),
      recent.length >= codesPerHour && oldest !== undefined
        ? oldest + 3_600_000 - now.getTime()
        : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) return { ok: false as const, retryAfterMs: wait };

    await tx
      .update(oneTimeCodes)
      .set({ expiresAt: now })
      .where(
        and(
          eq(oneTimeCodes.userId, owner.userId),
          eq(oneTimeCodes.purpose, owner.purpose),
          isNull(oneTimeCodes.usedAt),
          gt(oneTimeCodes.expiresAt, now),
        ),
      );
    const code = randomSixDigits();
    const id = crypto.randomUUID();
    await tx.insert(oneTimeCodes).values({
      id,
      userId: owner.userId,
      purpose: owner.purpose,
      sessionId: owner.sessionId ?? null,
      channel,
      codeHash: codeHashOf(id, code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + codeLifetimeMs),
    });
    return { ok: true as const, code };
  });
}

/**
 * Checks a typed code against the owner's live code (same purpose, same session when bound to
 * one, not expired, not used, fewer than `attemptsPerCode` wrong tries). A right code is used
 * up by a conditional update, so it works once even when two requests race (ASVS 6.6.2). A
 * wrong one counts against the code.
 */
export async function redeemCode(
  db: Database,
  owner: CodeOwner,
  typed: string,
  now: Date,
): Promise<{ ok: true; channel: Channel } | { ok: false }> {
  const [live] = await db
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, owner.userId),
        eq(oneTimeCodes.purpose, owner.purpose),
        owner.sessionId ? eq(oneTimeCodes.sessionId, owner.sessionId) : undefined,
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, now),
        sql`${oneTimeCodes.attempts} < ${attemptsPerCode}`,
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  const expected = new TextEncoder().encode(live?.codeHash ?? digestOf("no code"));
  const given = new TextEncoder().encode(codeHashOf(live?.id ?? "none", typed));
  if (live && constantTimeEqual(expected, given)) {
    const used = await db
      .update(oneTimeCodes)
      .set({ usedAt: now })
      .where(and(eq(oneTimeCodes.id, live.id), isNull(oneTimeCodes.usedAt)))
      .returning({ id: oneTimeCodes.id });
    if (used.length === 1) return { ok: true, channel: live.channel };
  } else if (live) {
    await db
      .update(oneTimeCodes)
      .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
      .where(eq(oneTimeCodes.id, live.id));
  }
  return { ok: false };
}

/** "a•••@example.org", "•••• 4567": enough for the person to know where a code went. */
export function maskAddress(channel: Channel, address: string): string {
  if (channel === "sms") return `•••• ${address.replace(/\D/g, "").slice(-4)}`;
  const [name = "", domain = ""] = address.split("@");
  return `${name.slice(0, 1)}•••@${domain}`;
}
