import { eq, or } from "drizzle-orm";
import type { Context } from "hono";
import { recordAudit } from "../audit.ts";
import type { AppEnv, Deps } from "../context.ts";
import { users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";
import { readDeviceCookie } from "./cookie.ts";
import { digestOf } from "./digest.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";
import type { User } from "./session.ts";
import {
  accountPolicy,
  addressPolicy,
  clearBuckets,
  recordFailure,
  type ThrottlePolicy,
  takeAttempt,
} from "./throttle.ts";
import { knownSourceOf } from "./trusted-sources.ts";

/**
 * Checks a username (or email) and password under throttling (ASVS 6.3.1; ABUSE-CASES 21):
 * - the name's bucket is keyed by the name typed, known or not, so an unknown name is throttled
 *   exactly like a real one and the two cannot be told apart (ASVS 6.3.8);
 * - failures from a device or address the account has signed in from go to a bucket of their
 *   own, so strangers' failures never slow the owner down;
 * - the address has a bucket too, across every name (password spraying).
 * A closed bucket answers 429 AUTH-105 with the wait, without looking at the password.
 * Answers the user when the password is right, null when not (the caller audits and answers).
 */
export async function checkPassword(
  deps: Deps,
  c: Context<AppEnv>,
  name: string,
  password: string,
): Promise<{ user: User | undefined; ok: boolean }> {
  const { db, config, now } = deps;
  const at = now();
  const typed = name.toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(users.username, typed), eq(users.email, typed)))
    .limit(1);
  const address = addressBucket(clientAddress(c, config.trustProxy));
  const known = await knownSourceOf(db, user?.id, readDeviceCookie(c, config.secure), address, at);
  const accountKey = `account:${digestOf(typed)}${known ? `:${known}` : ""}`;
  const buckets: [string, ThrottlePolicy][] = [
    [accountKey, accountPolicy],
    [`address:${address}`, addressPolicy],
  ];
  const addressKey = `address:${address}`;
  const attempt = await takeAttempt(db, buckets, at, { checkOnly: [addressKey] });
  if (!attempt.ok) {
    await recordAudit(db, c, {
      actorId: user?.id ?? null,
      action: "auth.sign-in",
      outcome: "denied",
      details: { reason: "throttled", retryAfterMs: attempt.retryAfterMs },
    });
    throw new ApiError("AUTH-105", undefined, attempt.retryAfterMs);
  }
  // One argon2 verification on both paths: same answer, same time (ASVS 6.3.8).
  const ok = user
    ? await verifyPassword(user.passwordHash, password)
    : await verifyAgainstDummy(password);
  if (ok) await clearBuckets(db, [accountKey]);
  // The address is charged only for failures, and never cleared by a success: one good account
  // must not wipe an address's record of failures against others.
  else await recordFailure(db, addressKey, addressPolicy, at);
  return { user, ok: ok && user !== undefined };
}
