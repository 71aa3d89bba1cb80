import { eq } from "drizzle-orm";
import { diagnosticAlphabet } from "../../shared/contracts/help.ts";
import { hashPassword } from "../auth/password.ts";
import { invalidateUserSessions, type User } from "../auth/session.ts";
import type { Database } from "../db/open.ts";
import { oneTimeCodes, recoveryCodes, totpCredentials, users } from "../db/schema.ts";
import { clearAccountThrottle } from "./throttle-state.ts";

/**
 * A temporary password staff read out on the phone: three groups of four from the diagnostic
 * alphabet (no 0/O, 1/I/L), about 59 random bits, lower-case so it is typed as it is heard.
 * It works once, to choose a new password (ASVS 6.4.1: must be changed on first use).
 */
export function makeTemporaryPassword(): string {
  const letters = diagnosticAlphabet.toLowerCase();
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  // 256 is not a multiple of 30: draws at or above 240 would favour the first letters.
  const chars: string[] = [];
  while (chars.length < 12) {
    for (const byte of bytes) {
      if (byte < 240 && chars.length < 12) chars.push(letters[byte % letters.length] ?? "");
    }
    crypto.getRandomValues(bytes);
  }
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join("")).join("-");
}

/**
 * Sets a temporary password that must be changed at the next sign-in, ends every session
 * (whoever held one may be who locked the person out; ASVS 7.4.3) and clears the sign-in
 * throttle, so the person can use it at once.
 */
export async function setTemporaryPassword(db: Database, user: User): Promise<string> {
  const password = makeTemporaryPassword();
  const passwordHash = await hashPassword(password);
  await db
    .update(users)
    .set({ passwordHash, mustChangePassword: true })
    .where(eq(users.id, user.id));
  await db.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id));
  await invalidateUserSessions(db, user.id);
  await clearAccountThrottle(db, user);
  return password;
}

/**
 * Takes every second step off the account: the authenticator app, codes by email or SMS,
 * and the recovery codes. Sessions half-way through a second step end with it.
 */
export async function removeSecondSteps(db: Database, user: User): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id));
    await tx.update(users).set({ codeChannel: null }).where(eq(users.id, user.id));
  });
}

/** Ends every session of the account, on every device (ASVS 7.4.5). */
export async function endAllSessions(db: Database, user: User): Promise<void> {
  await invalidateUserSessions(db, user.id);
}
