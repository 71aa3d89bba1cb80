import type { Context } from "hono";
import { type ThrottlePolicy, takeAttempt } from "../auth/throttle.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";

const hour = 3_600_000;

/**
 * Help requests and device reports need no account, so the address is what is limited: a
 * person who is stuck may send a few, a script may not fill the support queue. Five free an
 * hour, then growing waits, and at most 20 an hour from one address (an IPv6 /64).
 */
export const helpPolicy: ThrottlePolicy = {
  freeFailures: 5,
  maxDelayMs: 10 * 60_000,
  cap: 20,
  windowMs: hour,
};

/**
 * A signed-out device asking whether its saved copy was cut off (POST /api/device-keys/open):
 * each device asks about once when it comes online, and clinics share one address, so more
 * are free than for help requests; a script walking through ids is still slowed to a crawl.
 */
export const deviceKeyOpenPolicy: ThrottlePolicy = {
  freeFailures: 30,
  maxDelayMs: 60_000,
  cap: 300,
  windowMs: hour,
};

const policies = {
  diagnostics: helpPolicy,
  "help-request": helpPolicy,
  "device-key-open": deviceKeyOpenPolicy,
} satisfies Record<string, ThrottlePolicy>;

/**
 * Counts one request of `kind` from the caller's address, or refuses it with REQ-306 and the
 * wait (429, Retry-After). Built on the sign-in throttle, so it is shared by every server
 * process through the database.
 */
export async function limitByAddress(
  c: Context<AppEnv>,
  deps: Deps,
  kind: keyof typeof policies,
): Promise<void> {
  const address = addressBucket(clientAddress(c, deps.config.trustProxy));
  const attempt = await takeAttempt(deps.db, [[`${kind}:${address}`, policies[kind]]], deps.now());
  if (!attempt.ok) throw new ApiError("REQ-306", undefined, attempt.retryAfterMs);
}
