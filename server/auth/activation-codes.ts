/**
 * Activation codes: how a patient the clinic knows gets an account (ADR 18;
 * docs/decisions/0018-activation-and-passwords.md). The clinic hands out a code; the patient
 * types it with their date of birth, then chooses a username and password.
 *
 * API, for the invite script and the support console:
 *
 *   import { issueActivationCode } from "../auth/activation-codes.ts";
 *   const { code, expiresAt } = await issueActivationCode(db, patientId, {
 *     now: deps.now(),                          // default: new Date()
 *     validForMs: deps.config.activationCodeMs, // default: 30 days (ACTIVATION_CODE_DAYS)
 *   });
 *   // `code` is "ABCD-EFGH-JKMN": show or send it once; only its digest is kept. Issuing a new
 *   // code ends the patient's earlier ones. Throws ActivationRefused("no-such-patient",
 *   // "already-active" or "deceased") when the patient is unknown, already has an account, or
 *   // their record says they have died (access for the family is proxy access, not this).
 *
 * Codes are 60 random bits, stored as SHA-256, single use, expiring (ASVS 6.4.1; 6.4.2).
 */
import { and, eq, isNull } from "drizzle-orm";
import {
  activationAlphabet,
  activationCodeLength,
  formatActivationCode,
  normaliseActivationCode,
} from "../../shared/contracts/access.ts";
import type { Database } from "../db/open.ts";
import { activationCodes, patients, resources } from "../db/schema.ts";
import { isDeceased } from "../fhir/deceased.ts";
import { digestOf } from "./digest.ts";
import type { ThrottlePolicy } from "./throttle.ts";

const defaultValidForMs = 30 * 86_400_000;

/**
 * Wrong tries against one code (typed, known or not). Someone holding a lost letter must guess
 * a date of birth: 10 tries a day over a 30-day code is 300 of some 36,500 dates, and the
 * owner can always ask the clinic for a new code, which ends the lost one (ASVS 6.3.1).
 */
export const activationPolicy: ThrottlePolicy = {
  freeFailures: 3,
  maxDelayMs: 60_000,
  cap: 10,
  windowMs: 24 * 3_600_000,
};

export class ActivationRefused extends Error {
  override name = "ActivationRefused";
  constructor(readonly reason: "no-such-patient" | "already-active" | "deceased") {
    super(`activation code refused: ${reason}`);
  }
}

/** Twelve letters of the activation alphabet; 256 is a multiple of 32, so no letter is favoured. */
function randomActivationCode(): string {
  const bytes = new Uint8Array(activationCodeLength);
  crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => activationAlphabet[byte % 32]).join("");
}

/** The digest a code is stored and looked up under, whatever way it was typed. */
export function activationCodeDigest(typed: string): string {
  return digestOf(`activation:${normaliseActivationCode(typed)}`);
}

export async function issueActivationCode(
  db: Database,
  patientId: string,
  options: { now?: Date; validForMs?: number } = {},
): Promise<{ code: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + (options.validForMs ?? defaultValidForMs));
  const code = randomActivationCode();
  await db.transaction(async (tx) => {
    // The patient's row is locked, so two codes issued at once cannot both stay live.
    const [patient] = await tx
      .select({ accountId: patients.accountId })
      .from(patients)
      .where(eq(patients.id, patientId))
      .for("update");
    if (!patient) throw new ActivationRefused("no-such-patient");
    if (patient.accountId) throw new ActivationRefused("already-active");
    const records = await tx
      .select({ resource: resources.resource })
      .from(resources)
      .where(
        and(
          eq(resources.patientId, patientId),
          eq(resources.resourceType, "Patient"),
          eq(resources.deleted, false),
        ),
      );
    if (records.some((r) => isDeceased(r.resource))) throw new ActivationRefused("deceased");
    // One live code per patient: a new letter makes the lost one useless.
    await tx
      .delete(activationCodes)
      .where(and(eq(activationCodes.patientId, patientId), isNull(activationCodes.usedAt)));
    await tx.insert(activationCodes).values({
      patientId,
      codeHash: activationCodeDigest(code),
      createdAt: now,
      expiresAt,
    });
  });
  return { code: formatActivationCode(code), expiresAt };
}

export type ActivationCheck =
  | { ok: true; codeId: string; patientId: string; patientName: string | null }
  /** No such code, or not this birth date: one answer, so neither is told apart. */
  | { ok: false; reason: "wrong" }
  /** Code and birth date both right, but used, expired, or the patient has an account now. */
  | { ok: false; reason: "spent" };

/**
 * Checks a typed code and date of birth. Only someone who holds both is told that the code is
 * spent; for everyone else a wrong code and a wrong date are the same answer (ASVS 6.3.8).
 * The birth date must be the full date on file: a record that knows only "1974" cannot be
 * activated online, only by support staff.
 */
export async function checkActivationCode(
  db: Database,
  typedCode: string,
  birthDate: string,
  now: Date,
): Promise<ActivationCheck> {
  const [row] = await db
    .select({
      id: activationCodes.id,
      usedAt: activationCodes.usedAt,
      expiresAt: activationCodes.expiresAt,
      patientId: patients.id,
      accountId: patients.accountId,
      birthDate: patients.birthDate,
      name: patients.name,
    })
    .from(activationCodes)
    .innerJoin(patients, eq(activationCodes.patientId, patients.id))
    .where(eq(activationCodes.codeHash, activationCodeDigest(typedCode)))
    .limit(1);
  if (!row || row.birthDate !== birthDate) return { ok: false, reason: "wrong" };
  if (row.usedAt || row.expiresAt.getTime() <= now.getTime() || row.accountId)
    return { ok: false, reason: "spent" };
  return { ok: true, codeId: row.id, patientId: row.patientId, patientName: row.name };
}
