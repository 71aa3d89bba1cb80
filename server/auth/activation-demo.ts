/**
 * The demo seed's activation code (development and end-to-end tests only; the seed refuses to
 * run in production). Lina Haddad, born 17 February 2001, has a record and no account: her
 * code is known in advance so a developer, and e2e/access.spec.ts, can try activation without
 * the support console. Like the demo password, it is written in the docs, never used for real.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { activationCodes, patients } from "../db/schema.ts";
import { activationCodeDigest } from "./activation-codes.ts";

export const demoActivation = {
  code: "HRTH-DEM0-C0DE",
  patientName: "Lina Haddad",
  birthDate: "2001-02-17",
} as const;

/** Adds the demo code if Lina has no account yet; a second run changes nothing. */
export async function seedDemoActivation(db: Database, now: Date): Promise<void> {
  const [lina] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.name, demoActivation.patientName), isNull(patients.accountId)))
    .limit(1);
  if (!lina) return;
  await db
    .insert(activationCodes)
    .values({
      patientId: lina.id,
      codeHash: activationCodeDigest(demoActivation.code),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 365 * 86_400_000),
    })
    .onConflictDoNothing();
}
