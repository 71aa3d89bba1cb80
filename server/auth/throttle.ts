import { and, eq, inArray, sql } from "drizzle-orm";
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

/**
 * Changes of one account's email address: every change counts, and none is forgiven, so a
 * signed-in account cannot be used to try address after address (docs/security.md; ASVS 6.3.1).
 */
export const emailChangePolicy: ThrottlePolicy = {
  freeFailures: 3,
  maxDelayMs: 60_000,
  cap: 10,
  windowMs: 24 * hour,
};

/**
 * What one attempt took from one bucket: enough for `refund` to give it back exactly when the
 * attempt turns out to be one the bucket does not count (an address's successes).
 */
export interface Charge {
  key: string;
  windowStart: Date;
  failures: number;
  blockedBefore: Date | null;
}

export type Attempt = { ok: true; charges: Charge[] } | { ok: false; retryAfterMs: number };

/** The wait imposed after the `failures`-th failure of a window. */
export function delayAfter(policy: ThrottlePolicy, failures: number): number {
  if (failures <= policy.freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - policy.freeFailures - 1), policy.maxDelayMs);
}

/** Thrown inside the transaction so a refused attempt takes nothing from any bucket. */
class BucketClosed extends Error {
  constructor(readonly retryAfterMs: number) {
    super("bucket closed");
  }
}

/**
 * Takes one attempt from every bucket named, or none if any of them is closed. The attempt is
 * counted as a failure *before* the password or code is checked: each bucket is charged by one
 * statement that increments its count unless it is closed and answers the new count
 * (`INSERT … ON CONFLICT DO UPDATE … RETURNING`, which locks the row until the transaction
 * ends), so a burst of parallel requests cannot slip past a closed bucket, on PostgreSQL or
 * PGlite. A success then calls `clearBuckets`, or `refund` for buckets that count failures only.
 * Answers how long to wait when refused.
 *
 * @example
 * const attempt = await takeAttempt(db, [[`account:${id}`, accountPolicy]], now);
 * if (!attempt.ok) throw new ApiError("AUTH-105", { retryAfterMs: attempt.retryAfterMs });
 */
export async function takeAttempt(
  db: Database,
  buckets: ReadonlyArray<readonly [key: string, policy: ThrottlePolicy]>,
  now: Date,
): Promise<Attempt> {
  // Always lock in the same order, so two requests naming the same buckets cannot deadlock.
  const sorted = [...buckets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  try {
    return await db.transaction(async (tx) => {
      const charges: Charge[] = [];
      let wait = 0;
      for (const [key, policy] of sorted) {
        const charge = await chargeOne(tx as unknown as Database, key, policy, now);
        if ("retryAfterMs" in charge) wait = Math.max(wait, charge.retryAfterMs);
        else charges.push(charge);
      }
      if (wait > 0) throw new BucketClosed(wait);
      return { ok: true as const, charges };
    });
  } catch (error) {
    if (error instanceof BucketClosed) return { ok: false, retryAfterMs: error.retryAfterMs };
    throw error;
  }
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** One more failure in one bucket, unless it is closed; then sets the wait that count earns. */
async function chargeOne(
  tx: Database,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<Charge | { retryAfterMs: number }> {
  const { windowStart: start, failures, blockedUntil } = throttleBuckets;
  const windowOver = sql`${start} <= ${at(new Date(now.getTime() - policy.windowMs))}`;
  // blocked_until is left as it was, so RETURNING answers the wait before this charge.
  const [row] = await tx
    .insert(throttleBuckets)
    .values({ key, windowStart: now, failures: 1, blockedUntil: null })
    .onConflictDoUpdate({
      target: throttleBuckets.key,
      set: {
        windowStart: sql`case when ${windowOver} then ${at(now)} else ${start} end`,
        failures: sql`case when ${windowOver} then 1 else ${failures} + 1 end`,
      },
      setWhere: sql`${blockedUntil} is null or ${blockedUntil} <= ${at(now)}`,
    })
    .returning();
  if (!row) {
    // Closed: the row is locked by the statement above, so this is the wait that refused us.
    const [closed] = await tx
      .select({ blockedUntil })
      .from(throttleBuckets)
      .where(eq(throttleBuckets.key, key));
    return { retryAfterMs: Math.max(1, (closed?.blockedUntil?.getTime() ?? 0) - now.getTime()) };
  }
  const delay = delayAfter(policy, row.failures);
  // A free failure leaves no wait (null, not `now`): a request that read the clock a moment
  // earlier, here or on another server process, and took the row's lock after this one would
  // otherwise find the bucket closed until `now` (docs/security.md).
  const until =
    row.failures >= policy.cap
      ? new Date(row.windowStart.getTime() + policy.windowMs)
      : delay > 0
        ? new Date(now.getTime() + delay)
        : null;
  await tx.update(throttleBuckets).set({ blockedUntil: until }).where(eq(throttleBuckets.key, key));
  return {
    key,
    windowStart: row.windowStart,
    failures: row.failures,
    blockedBefore: row.blockedUntil,
  };
}

/**
 * Gives back what `attempt` took from the bucket `key`, for an attempt that bucket does not
 * count: an address's successes (a clinic's shared address must not be slowed by them). The
 * wait goes back to what it was unless another failure was counted since; nothing is given
 * back once the bucket's window has moved on.
 */
export async function refund(db: Database, attempt: Attempt, key: string): Promise<void> {
  const charge = attempt.ok ? attempt.charges.find((c) => c.key === key) : undefined;
  if (!charge) return;
  const { failures, blockedUntil } = throttleBuckets;
  const before = charge.blockedBefore ? at(charge.blockedBefore) : sql`null::timestamptz`;
  await db
    .update(throttleBuckets)
    .set({
      failures: sql`greatest(${failures} - 1, 0)`,
      blockedUntil: sql`case when ${failures} = ${charge.failures} then ${before} else ${blockedUntil} end`,
    })
    .where(and(eq(throttleBuckets.key, key), eq(throttleBuckets.windowStart, charge.windowStart)));
}

/** Forgets the failures of these buckets: the attempt that took them succeeded. */
export async function clearBuckets(db: Database, keys: readonly string[]): Promise<void> {
  if (keys.length > 0) await db.delete(throttleBuckets).where(inArray(throttleBuckets.key, keys));
}
