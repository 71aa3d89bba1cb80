import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { recoveryCodes } from "../db/schema.ts";
import { digestOf, randomToken } from "./digest.ts";

export const recoveryCodeCount = 10;

/**
 * 15 random bytes (120 bits) each: above the 112 bits at which ASVS 6.5.2 allows a plain
 * hash, so they are stored as SHA-256 and looked up by it. Shown as six groups of four.
 */
function newCode(): string {
  return randomToken(15).replace(/(.{4})(?=.)/g, "$1-");
}

/** What a person typed, as it was hashed: lower case, without spaces or dashes. */
export function normaliseRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * Replaces the account's recovery codes with ten new ones and answers them: the only time
 * they exist in readable form (they are shown once, ASVS 6.5.2).
 */
export async function replaceRecoveryCodes(
  db: Database,
  userId: string,
  now: Date,
): Promise<string[]> {
  const codes = Array.from({ length: recoveryCodeCount }, newCode);
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.insert(recoveryCodes).values(
      codes.map((code) => ({
        userId,
        codeHash: digestOf(normaliseRecoveryCode(code)),
        createdAt: now,
      })),
    );
  });
  return codes;
}

/** Uses up one unused code of this user; false if it is wrong or already used (single use). */
export async function redeemRecoveryCode(
  db: Database,
  userId: string,
  typed: string,
  now: Date,
): Promise<boolean> {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, digestOf(normaliseRecoveryCode(typed))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return used.length === 1;
}

export async function recoveryCodesLeft(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ left: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.left ?? 0;
}
