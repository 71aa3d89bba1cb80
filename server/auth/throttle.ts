import { inArray } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { throttleBuckets } from "../db/schema.ts";

/**
 * How one kind of bucket slows failures down. Throttling, never lockout: after `freeFailures`
 * each further attempt must wait 1 s, 2 s, 4 s… up to `maxDelayMs`, and `hourlyCap`-style
 * `cap` failures in one `windowMs` close the bucket until the window ends
 * (docs/decisions/0011-sign-in-throttling.md; ASVS 6.3.1, NIST SP 800-63B 5.2.2).
 */
export interface ThrottlePolicy {
  freeFailures: number;
  maxDelayMs: number;
  cap: number;
  windowMs: number;
}

const hour = 3_600_000;

/** One account, from strangers (or from one trusted device or address of its own). */
export const accountPolicy: ThrottlePolicy = {
  freeFailures: 5,
  maxDelayMs: 30_000,
  cap: 100, // the "at most 100 failures per hour per account"
  windowMs: hour,
};

/** One address (an IPv6 /64), across every account: password spraying. Clinics share NATs. */
export const addressPolicy: ThrottlePolicy = {
  freeFailures: 20,
  maxDelayMs: 30_000,
  cap: 200,
  windowMs: hour,
};

/**
 * Wrong second-step codes for one account, across sign-ins: with three codes valid at a time,
 * 30 guesses a day give an attacker who already has the password about one chance in 10,000
 * a day (ASVS 6.5.1, 6.6.3).
 */
export const secondStepPolicy: ThrottlePolicy = {
  freeFailures: 3,
  maxDelayMs: 60_000,
  cap: 30,
  windowMs: 24 * hour,
};

export type Attempt = { ok: true } | { ok: false; retryAfterMs: number };

/** The wait imposed after the `failures`-th failure of a window. */
export function delayAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - policy.freeFailures - 1), policy.maxDelayMs);
}

/**
 * Takes one attempt from every bucket named, or none if any of them is closed. The attempt is
 * counted as a failure *before* the password or code is checked, in one transaction with the
 * rows locked, so a burst of parallel requests cannot slip past a closed bucket; a success then
 * calls `clearBuckets`. Answers how long to wait when refused.
 *
 * @example
 * const attempt = await takeAttempt(db, [[`account:${h}`, accountPolicy]], now);
 * if (!attempt.ok) throw new ApiError("AUTH-105", { retryAfterMs: attempt.retryAfterMs });
 */
export async function takeAttempt(
  db: Database,
  buckets: ReadonlyArray<readonly [key: string, policy: ThrottlePolicy]>,
  now: Date,
  options: { checkOnly?: readonly string[] } = {},
): Promise<Attempt> {
  // Always lock in the same order, so two requests naming the same buckets cannot deadlock.
  const sorted = [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const keys = sorted.map(([key]) => key);
  return db.transaction(async (tx) => {
    await tx
      .insert(throttleBuckets)
      .values(keys.map((key) => ({ key, windowStart: now, failures: 0, blockedUntil: null })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(throttleBuckets)
      .where(inArray(throttleBuckets.key, keys))
      .orderBy(throttleBuckets.key)
      .for("update");
    const wait = Math.max(
      0,
      ...rows.map((row) => (row.blockedUntil?.getTime() ?? 0) - now.getTime()),
    );
    if (wait > 0) return { ok: false, retryAfterMs: wait } as const;
    for (const [key, policy] of sorted) {
      const row = rows.find((r) => r.key === key);
      if (row && !options.checkOnly?.includes(key))
        await tx
          .update(throttleBuckets)
          .set(charged(row, policy, now))
          .where(inArray(throttleBuckets.key, [key]));
    }
    return { ok: true } as const;
  });
}

/**
 * Counts one failure in a bucket after the fact, whatever its state. For buckets that
 * `takeAttempt` only checked: an address bucket must not count the successes that pass
 * through it (a clinic's shared address), so it is charged only once a failure is known.
 */
export async function recordFailure(
  db: Database,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(throttleBuckets)
      .values({ key, windowStart: now, failures: 0, blockedUntil: null })
      .onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(throttleBuckets)
      .where(inArray(throttleBuckets.key, [key]))
      .for("update");
    if (row) {
      await tx
        .update(throttleBuckets)
        .set(charged(row, policy, now))
        .where(inArray(throttleBuckets.key, [key]));
    }
  });
}

/** A bucket after one more failure: the count (in a fresh window if the last one is over) and the wait. */
function charged(row: typeof throttleBuckets.$inferSelect, policy: ThrottlePolicy, now: Date) {
  const windowOver = now.getTime() - row.windowStart.getTime() >= policy.windowMs;
  const windowStart = windowOver ? now : row.windowStart;
  const failures = windowOver ? 1 : row.failures + 1;
  const blockedUntil =
    failures >= policy.cap
      ? new Date(windowStart.getTime() + policy.windowMs)
      : new Date(now.getTime() + delayAfter(policy, failures));
  return { windowStart, failures, blockedUntil };
}

/** Forgets the failures of these buckets: the attempt that took them succeeded. */
export async function clearBuckets(db: Database, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.delete(throttleBuckets).where(inArray(throttleBuckets.key, keys));
}
