import { decodeHex, encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq, isNotNull, isNull, lt } from "drizzle-orm";
import type { SecondStepMethod } from "../../shared/contracts/auth.ts";
import type { Database } from "../db/open.ts";
import { recoveryCodes, totpCredentials, users } from "../db/schema.ts";
import { generateTotpKey, matchingStep } from "./totp.ts";

/** The second steps an account has set up; empty means the password alone signs in. */
export async function secondStepMethodsOf(
  db: Database,
  userId: string,
): Promise<SecondStepMethod[]> {
  const [totp] = await db
    .select({ userId: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)));
  const [user] = await db
    .select({ codeChannel: users.codeChannel })
    .from(users)
    .where(eq(users.id, userId));
  const methods: SecondStepMethod[] = [];
  if (totp) methods.push("totp");
  if (user?.codeChannel === "email") methods.push("email-code");
  if (user?.codeChannel === "sms") methods.push("sms-code");
  if (methods.length === 0) return methods;
  const [recovery] = await db
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .limit(1);
  if (recovery) methods.push("recovery-code");
  return methods;
}

export async function hasAuthenticatorApp(db: Database, userId: string): Promise<boolean> {
  return (await secondStepMethodsOf(db, userId)).includes("totp");
}

/**
 * Starts (or restarts) setting up an authenticator app: a new key, not in force until a code
 * from it is confirmed. Null when an app is already in force: it must be removed first, so an
 * account is never left with an app nobody has proved they hold.
 */
export async function startEnrolment(
  db: Database,
  userId: string,
  now: Date,
): Promise<Uint8Array | null> {
  const key = generateTotpKey();
  const secret = encodeHexLowerCase(key);
  const written = await db
    .insert(totpCredentials)
    .values({ userId, secret, createdAt: now })
    .onConflictDoUpdate({
      target: totpCredentials.userId,
      set: { secret, createdAt: now, lastUsedStep: -1 },
      setWhere: isNull(totpCredentials.confirmedAt),
    })
    .returning({ userId: totpCredentials.userId });
  return written.length === 1 ? key : null;
}

/** Confirms the key being set up with a code from the app; from then on it is required. */
export async function confirmEnrolment(
  db: Database,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const [pending] = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNull(totpCredentials.confirmedAt)));
  if (!pending) return false;
  const step = matchingStep(decodeHex(pending.secret), code, now);
  if (step === null) return false;
  const confirmed = await db
    .update(totpCredentials)
    .set({ confirmedAt: now, lastUsedStep: step })
    .where(
      and(
        eq(totpCredentials.userId, userId),
        eq(totpCredentials.secret, pending.secret),
        isNull(totpCredentials.confirmedAt),
      ),
    )
    .returning({ userId: totpCredentials.userId });
  return confirmed.length === 1;
}

/**
 * Checks a sign-in code against the confirmed app. The step is claimed with a conditional
 * update, so the same code (or an older one) is refused the second time even when two
 * requests race (replay; ASVS 6.5.1, docs/abuse-cases.md 22).
 */
export async function verifyAuthenticatorCode(
  db: Database,
  userId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const [current] = await db
    .select()
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)));
  if (!current) return false;
  const step = matchingStep(decodeHex(current.secret), code, now);
  if (step === null) return false;
  const claimed = await db
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(and(eq(totpCredentials.userId, userId), lt(totpCredentials.lastUsedStep, step)))
    .returning({ userId: totpCredentials.userId });
  return claimed.length === 1;
}

/**
 * Turns two-step sign-in with an app off: the key goes, and the recovery codes too unless
 * codes by email or SMS remain a second step of the account.
 */
export async function removeAuthenticatorApp(db: Database, userId: string): Promise<void> {
  await db.delete(totpCredentials).where(eq(totpCredentials.userId, userId));
  const [user] = await db
    .select({ codeChannel: users.codeChannel })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.codeChannel) await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}
