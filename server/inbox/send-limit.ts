import type { User } from "../auth/session.ts";
import { type Attempt, type ThrottlePolicy, takeAttempt } from "../auth/throttle.ts";
import type { Database } from "../db/open.ts";
import type { Transaction } from "../records/patient-version.ts";

const hour = 3_600_000;

/**
 * How fast a patient may send: a script, or a stuck retry loop, must not flood a care team.
 * Ten messages in an hour pass freely; after that each must wait 1 s, 2 s, 4 s…
 * up to ten minutes, and thirty in an hour close the bucket until the hour is over.
 */
export const patientSendPolicy: ThrottlePolicy = {
  freeFailures: 10,
  maxDelayMs: 10 * 60_000,
  cap: 30,
  windowMs: hour,
};

/** A clinician answers many patients in a session: far more room, still a ceiling. */
export const clinicianSendPolicy: ThrottlePolicy = {
  freeFailures: 120,
  maxDelayMs: 60_000,
  cap: 400,
  windowMs: hour,
};

/**
 * Counts one message sent by `user`, or refuses it with the wait (MSG-914). Built on the
 * sign-in throttle's buckets (`throttle_buckets`, shared by every server process), counting
 * sends instead of failures. Runs in the caller's transaction: a message that is then refused
 * for another reason is not counted, and on PGlite's single connection nothing waits on a
 * second one.
 */
export function takeSendAttempt(
  tx: Transaction,
  user: Pick<User, "id" | "role">,
  now: Date,
): Promise<Attempt> {
  const policy = user.role === "clinician" ? clinicianSendPolicy : patientSendPolicy;
  // takeAttempt opens a nested transaction: a savepoint inside the caller's.
  return takeAttempt(tx as unknown as Database, [[`inbox-send:${user.id}`, policy]], now);
}
