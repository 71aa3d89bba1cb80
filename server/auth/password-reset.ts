/**
 * Forgotten password and forgotten username (ADR 18; ASVS 6.4.1-6.4.3, 6.3.8).
 *
 * Asking answers the same, in the same time, whether an account exists or not: the request
 * path does the same work for both (one lookup, one throttle step, one audit row, one code
 * transaction: `prepareResetCode`), so a request that follows finds the database no busier
 * for a real name. Only handing the message to the transport is left for after the answer
 * (`afterAnswer`), so neither the answer nor its timing tells an attacker which names exist.
 */
import { eq } from "drizzle-orm";
import type { Deps } from "../context.ts";
import type { Database } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { logFailure } from "../http/error-log.ts";
import { noticeToPerson, sendToPerson } from "../messaging/notify.ts";
import { revokeDeviceKeys } from "./device-keys.ts";
import { codeLifetimeMs, issueCode, redeemCode } from "./one-time-codes.ts";
import { newPasswordProblem } from "./password-policy.ts";
import { invalidateUserSessions, type User } from "./session.ts";
import type { ThrottlePolicy } from "./throttle.ts";

const hour = 3_600_000;

/** A user id no account has: unknown names take the same path as known ones. */
const nobody = "00000000-0000-0000-0000-000000000000";

/**
 * Asking for a reset code (per account, whichever of its names is typed; per name when none
 * has it) or a username reminder (per email typed), and per address. Every ask counts, found
 * or not: each one may cost an email or an SMS, and a flood of them is a way to harass someone.
 */
export const recoveryRequestPolicy: ThrottlePolicy = {
  freeFailures: 3,
  maxDelayMs: 60_000,
  cap: 10,
  windowMs: hour,
};
export const recoveryAddressPolicy: ThrottlePolicy = {
  freeFailures: 10,
  maxDelayMs: 60_000,
  cap: 60,
  windowMs: hour,
};

/**
 * Wrong reset codes for one name: with a code dying after 5 wrong tries and 5 codes an hour
 * at most, this caps guessing at 30 tries a day, as for sign-in codes (ASVS 6.6.3).
 */
export const resetCodePolicy: ThrottlePolicy = {
  freeFailures: 3,
  maxDelayMs: 60_000,
  cap: 30,
  windowMs: 24 * hour,
};

const inFlight = new Set<Promise<void>>();

/**
 * Runs `work` after the answer has been sent. Failures are logged, never answered: the answer
 * was already the same for everyone.
 */
export function afterAnswer(label: string, work: () => Promise<void>): void {
  const running = (async () => {
    // A macrotask later: the response is on its way before any of this work starts.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await work();
  })()
    .catch((error: unknown) => logFailure(`recovery ${label}`, error))
    .finally(() => inFlight.delete(running));
  inFlight.add(running);
}

/** Resolves once everything `afterAnswer` started has finished (tests, and a clean shutdown). */
export async function recoveryWorkSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/** The awaited steps of a reset request, in order: recorded so a test can compare both paths. */
export type ResetAskStep = "code-issued" | "code-rehearsed";

/**
 * The part of a reset request that runs before the answer, the same for every name typed:
 * one code transaction (row lock, recent codes, retire the live one, hash and insert a new one).
 * For a name no account has, the same statements run on an id no account has, and the database
 * refuses the insert (foreign key), so nothing is kept but the cost is paid (ASVS 6.3.8; issue
 * 14, item 5). Answers the sending, the only step left for after the answer, and only for a
 * real account with somewhere to send to; a code sent moments ago is silently not resent.
 */
export async function prepareResetCode(
  deps: Deps,
  user: User | undefined,
  now: Date,
  steps: ResetAskStep[] = [],
): Promise<() => Promise<void>> {
  const channels = user
    ? (["email", "sms"] as const).filter((channel) =>
        channel === "email" ? user.email : user.phone,
      )
    : [];
  const first = channels[0];
  if (!user || !first) {
    await rehearseCode(deps.db, now);
    steps.push("code-rehearsed");
    return async () => {};
  }
  const issued = await issueCode(
    deps.db,
    { userId: user.id, purpose: "password-reset" },
    first,
    now,
  );
  steps.push("code-issued");
  if (!issued.ok) return async () => {};
  const values = { code: issued.code, minutes: String(codeLifetimeMs / 60_000) };
  return async () => {
    for (const channel of channels) {
      await sendToPerson(deps, user, channel, "passwordResetCode", values).catch(() => {
        // Logged by sendToPerson; the other channel may still get through.
      });
    }
  };
}

/** `issueCode`'s statements for nobody: the insert is refused, and only that is expected. */
async function rehearseCode(db: Database, now: Date): Promise<void> {
  try {
    await issueCode(db, { userId: nobody, purpose: "password-reset" }, "email", now);
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    return;
  }
  throw new Error("a reset code was kept for an account that does not exist");
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23503") return true;
  }
  return false;
}

export type ResetOutcome =
  | { ok: true; user: User; revokedKeys: string[] }
  | { ok: false; reason: "wrong-code" }
  | { ok: false; reason: "policy"; problem: NonNullable<ReturnType<typeof newPasswordProblem>> };

class PolicyRefused extends Error {
  constructor(readonly problem: NonNullable<ReturnType<typeof newPasswordProblem>>) {
    super(problem);
  }
}

/**
 * Finishes a reset: the code must be the live one for this account, and the new password must
 * pass the policy. The code is used up only when the password is set, in one transaction, so a
 * refused password does not cost the person their code; a wrong code counts against it.
 * Every session of the account ends (ASVS 6.4.3, 7.4.3), and every device key is revoked
 * (ADR 29). Nobody is signed in by a reset: the
 * person signs in with the new password, second step included, so a reset by email can never
 * stand in for the second step (ASVS 6.4.4).
 */
export async function finishReset(
  db: Database,
  user: User | undefined,
  code: string,
  password: string,
  passwordHash: string,
  now: Date,
): Promise<ResetOutcome> {
  if (!user) {
    // The same lookup a real account's wrong code costs, for an account that cannot exist.
    await redeemCode(db, { userId: nobody, purpose: "password-reset" }, code, now);
    return { ok: false, reason: "wrong-code" };
  }
  try {
    return await db.transaction(async (tx) => {
      const txDb = tx as unknown as Database;
      const redeemed = await redeemCode(
        txDb,
        { userId: user.id, purpose: "password-reset" },
        code,
        now,
      );
      if (!redeemed.ok) return { ok: false as const, reason: "wrong-code" as const };
      const problem = newPasswordProblem(password, { username: user.username, email: user.email });
      // Thrown, so the transaction rolls back and the code stays usable for a better password.
      if (problem) throw new PolicyRefused(problem);
      await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
      await invalidateUserSessions(txDb, user.id);
      // Every device's saved copy is cut off too: whoever knew the old password may hold one.
      const revokedKeys = await revokeDeviceKeys(
        txDb,
        user.id,
        { all: true },
        "password-changed",
        now,
      );
      return { ok: true as const, user, revokedKeys };
    });
  } catch (error) {
    if (error instanceof PolicyRefused)
      return { ok: false, reason: "policy", problem: error.problem };
    throw error;
  }
}

/** Tells the person their password changed, after the answer (a failed email undoes nothing). */
export function noticePasswordChanged(deps: Deps, user: User): void {
  afterAnswer("password-changed notice", () =>
    noticeToPerson(deps, user, "passwordChanged", { username: user.username }),
  );
}

/** Sends the username to the email address on file, if an account has it. */
export async function sendUsernameReminder(deps: Deps, user: User): Promise<void> {
  if (!user.email) return;
  await sendToPerson(deps, user, "email", "usernameReminder", { username: user.username });
}
