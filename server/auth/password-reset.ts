/**
 * Forgotten password and forgotten username (issue 8; ASVS 6.4.1-6.4.3, 6.3.8).
 *
 * Asking answers the same, in the same time, whether an account exists or not: the request
 * path does the same work for both (one throttle step, one lookup), and whatever a real account
 * needs (a code, a message) is done after the answer has gone (`afterAnswer`), so neither the
 * answer nor its timing tells an attacker which names exist.
 */
import { eq, or } from "drizzle-orm";
import type { Deps } from "../context.ts";
import type { Database } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { noticeToPerson, sendToPerson } from "../messaging/notify.ts";
import { codeLifetimeMs, issueCode, redeemCode } from "./one-time-codes.ts";
import { newPasswordProblem } from "./password-policy.ts";
import { invalidateUserSessions, type User } from "./session.ts";
import type { ThrottlePolicy } from "./throttle.ts";

const hour = 3_600_000;

/** A user id no account has: unknown names take the same path as known ones. */
const nobody = "00000000-0000-0000-0000-000000000000";

/**
 * Asking for a reset code or a username reminder, per name typed and per address. Every ask
 * counts, found or not: each one may cost an email or an SMS (ABUSE-CASES: message bombing).
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

/** The account a username or email address names, if any: the same lookup as sign-in's. */
export async function accountNamed(db: Database, typed: string): Promise<User | undefined> {
  const name = typed.trim().toLowerCase();
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(users.username, name), eq(users.email, name)))
    .limit(1);
  return user;
}

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
    .catch((error: unknown) => console.error(`[recovery] ${label} failed:`, error))
    .finally(() => inFlight.delete(running));
  inFlight.add(running);
}

/** Resolves once everything `afterAnswer` started has finished (tests, and a clean shutdown). */
export async function recoveryWorkSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

/**
 * Issues a reset code and sends it to every address on file (one code, so whichever arrives
 * first works). Silently does nothing when none is on file or a code was sent moments ago:
 * saying so would tell the account exists.
 */
export async function sendResetCode(deps: Deps, user: User, now: Date): Promise<void> {
  const channels = (["email", "sms"] as const).filter((channel) =>
    channel === "email" ? user.email : user.phone,
  );
  const first = channels[0];
  if (!first) return;
  const issued = await issueCode(
    deps.db,
    { userId: user.id, purpose: "password-reset" },
    first,
    now,
  );
  if (!issued.ok) return;
  const values = { code: issued.code, minutes: String(codeLifetimeMs / 60_000) };
  for (const channel of channels) {
    await sendToPerson(deps, user, channel, "passwordResetCode", values).catch(() => {
      // Logged by sendToPerson; the other channel may still get through.
    });
  }
}

export type ResetOutcome =
  | { ok: true; user: User }
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
 * Every session of the account ends (ASVS 6.4.3, 7.4.3). Nobody is signed in by a reset: the
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
      return { ok: true as const, user };
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
