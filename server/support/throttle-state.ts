import { eq, like, or } from "drizzle-orm";
import type { ThrottleState } from "../../shared/contracts/support.ts";
import { accountBucketId } from "../auth/account-named.ts";
import type { Database } from "../db/open.ts";
import { throttleBuckets } from "../db/schema.ts";

/**
 * The sign-in buckets that belong to an account (docs/decisions/0011-sign-in-throttling.md):
 * the account's own, whichever of its names was typed, from strangers and from its own devices
 * and addresses (`account:<id>` and `account:<id>:…`, server/auth/account-named.ts), and its
 * second-step bucket. Address buckets are shared by everyone behind that address, so they are
 * not the account's to clear.
 */
function accountBucketsWhere(user: { id: string; username: string }) {
  const key = `account:${accountBucketId(user, user.username)}`;
  return or(
    eq(throttleBuckets.key, `second-step:${user.id}`),
    eq(throttleBuckets.key, key),
    like(throttleBuckets.key, `${key}:%`),
  );
}

/** Whether the account is being slowed down now, until when, and how many failures count. */
export async function throttleStateOf(
  db: Database,
  user: { id: string; username: string; email: string | null },
  now: Date,
): Promise<ThrottleState> {
  const rows = await db.select().from(throttleBuckets).where(accountBucketsWhere(user));
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0));
  return {
    blockedUntil: until > now.getTime() ? new Date(until).toISOString() : null,
    failures: rows.reduce((sum, row) => sum + row.failures, 0),
  };
}

/** Forgets every failure counted against the account; answers how many buckets there were. */
export async function clearAccountThrottle(
  db: Database,
  user: { id: string; username: string; email: string | null },
): Promise<number> {
  const deleted = await db
    .delete(throttleBuckets)
    .where(accountBucketsWhere(user))
    .returning({ key: throttleBuckets.key });
  return deleted.length;
}
