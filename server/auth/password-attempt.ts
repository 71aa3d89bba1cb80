import type { Context } from "hono";
import { recordAudit } from "../audit.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";
import { accountBucketId, accountNamed } from "./account-named.ts";
import { readDeviceCookie } from "./cookie.ts";
import { verifyAgainstDummy, verifyPassword } from "./password.ts";
import type { User } from "./session.ts";
import {
  accountPolicy,
  addressPolicy,
  clearBuckets,
  refund,
  type ThrottlePolicy,
  takeAttempt,
} from "./throttle.ts";
import { knownSourceOf } from "./trusted-sources.ts";

/**
 * Checks a username (or email) and password under throttling (ASVS 6.3.1; docs/abuse-cases.md 21):
 * - the account's bucket is keyed by the account, whether its username or its email was typed;
 *   a name no account has gets a bucket of its own, so an unknown name is throttled exactly like
 *   a real one and the two cannot be told apart (ASVS 6.3.8);
 * - failures from a device or address the account has signed in from go to a bucket of their
 *   own, so strangers' failures never slow the owner down;
 * - the address has a bucket too, across every name (password spraying).
 * Both are charged before the password is looked at, so parallel guesses cannot outrun them; a
 * closed bucket answers 429 AUTH-105 with the wait, without looking at the password.
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
  const user = await accountNamed(db, name);
  const address = addressBucket(clientAddress(c, config.trustProxy));
  const known = await knownSourceOf(db, user?.id, readDeviceCookie(c, config.secure), address, at);
  const accountKey = `account:${accountBucketId(user, name)}${known ? `:${known}` : ""}`;
  const addressKey = `address:${address}`;
  const buckets: [string, ThrottlePolicy][] = [
    [accountKey, accountPolicy],
    [addressKey, addressPolicy],
  ];
  const attempt = await takeAttempt(db, buckets, at);
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
  if (ok) {
    await clearBuckets(db, [accountKey]);
    // The address counts failures only, so a success gives back its own charge, and no more:
    // one good account must not wipe an address's record of failures against others.
    await refund(db, attempt, addressKey);
  }
  return { user, ok: ok && user !== undefined };
}
