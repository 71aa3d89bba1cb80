import { eq } from "drizzle-orm";
import { revokeDeviceKeys } from "../auth/device-keys.ts";
import { invalidateUserSessions, type User } from "../auth/session.ts";
import type { Database } from "../db/open.ts";
import { oneTimeCodes, recoveryCodes, totpCredentials, users } from "../db/schema.ts";

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

/**
 * Ends every session of the account, on every device (ASVS 7.4.5), and revokes every device
 * key, so each device wipes its saved copy at its next contact (ADR 29). Answers their ids.
 */
export async function endAllSessions(db: Database, user: User, now: Date): Promise<string[]> {
  return db.transaction(async (tx) => {
    const txDb = tx as unknown as Database;
    await invalidateUserSessions(txDb, user.id);
    return revokeDeviceKeys(txDb, user.id, { all: true }, "support", now);
  });
}
