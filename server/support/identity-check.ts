import { and, desc, eq, gt } from "drizzle-orm";
import {
  type IdentityItem,
  type IdentityOutcome,
  identityItems,
  identityItemsNeeded,
  type VerificationAnswer,
  type VerificationRequest,
  verificationLifetimeMs,
} from "../../shared/contracts/support.ts";
import type { Database } from "../db/open.ts";
import { identityVerifications } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import {
  type IdentityOnFile,
  identityOnFile,
  itemsOnFile,
  postalCodeOf,
  samePhone,
} from "./identity-on-file.ts";
import type { Person } from "./people.ts";

/**
 * Failed checks allowed per person per hour, across all staff: the checklist must not become
 * a way to guess a date of birth or a phone number, whoever is asking (ASVS 6.3.1 in spirit).
 */
export const failedChecksPerHour = 5;
const hour = 3_600_000;

function subjectOf(person: Person) {
  return person.kind === "account"
    ? eq(identityVerifications.userId, person.id)
    : eq(identityVerifications.patientId, person.id);
}

/** Compares what the caller said with what is on file, item by item. */
export function compareAnswers(
  answers: VerificationRequest["answers"],
  onFile: IdentityOnFile,
): Record<IdentityItem, IdentityOutcome> {
  const available = itemsOnFile(onFile);
  const outcome = (item: IdentityItem, matches: (said: string) => boolean): IdentityOutcome => {
    const said = answers[item]?.trim() ?? "";
    if (!said) return "notAsked";
    if (!available[item]) return "notOnFile";
    return matches(said) ? "match" : "mismatch";
  };
  return {
    birthDate: outcome("birthDate", (said) => said === onFile.birthDate),
    postalCode: outcome("postalCode", (said) =>
      onFile.postalCodes.some((code) => postalCodeOf(code) === postalCodeOf(said)),
    ),
    phone: outcome("phone", (said) => onFile.phones.some((phone) => samePhone(phone, said))),
    email: outcome("email", (said) =>
      onFile.emails.some((email) => email.toLowerCase() === said.toLowerCase()),
    ),
  };
}

/**
 * Passed when at least two items match, none is wrong, and the date of birth is among the
 * matches whenever one is on file (it is the one thing every patient record has).
 */
export function checksPass(
  checks: Record<IdentityItem, IdentityOutcome>,
  onFile: IdentityOnFile,
): boolean {
  const outcomes = identityItems.map((item) => checks[item]);
  if (outcomes.includes("mismatch")) return false;
  if (onFile.birthDate !== null && checks.birthDate !== "match") return false;
  return outcomes.filter((outcome) => outcome === "match").length >= identityItemsNeeded;
}

/**
 * Runs the checklist and records it, passed or not. Refuses with SUP-104 when too little is on
 * file to ever pass, and with SUP-103 (and the wait) after too many failures in the hour.
 */
export async function verifyIdentity(
  db: Database,
  staffId: string,
  person: Person,
  request: VerificationRequest,
  now: Date,
): Promise<VerificationAnswer> {
  const onFile = await identityOnFile(db, person);
  const available = Object.values(itemsOnFile(onFile)).filter(Boolean).length;
  if (available < identityItemsNeeded) throw new ApiError("SUP-104");
  const failures = await db
    .select({ createdAt: identityVerifications.createdAt })
    .from(identityVerifications)
    .where(
      and(
        subjectOf(person),
        eq(identityVerifications.passed, false),
        gt(identityVerifications.createdAt, new Date(now.getTime() - hour)),
      ),
    )
    .orderBy(identityVerifications.createdAt);
  if (failures.length >= failedChecksPerHour) {
    const oldest = failures[failures.length - failedChecksPerHour]?.createdAt ?? now;
    throw new ApiError("SUP-103", undefined, oldest.getTime() + hour - now.getTime());
  }
  const checks = compareAnswers(request.answers, onFile);
  const passed = checksPass(checks, onFile);
  await db.insert(identityVerifications).values({
    staffId,
    userId: person.kind === "account" ? person.id : null,
    patientId: person.kind === "patient" ? person.id : null,
    checks,
    passed,
    reason: request.reason,
    createdAt: now,
  });
  return {
    passed,
    checks,
    verifiedUntil: passed ? new Date(now.getTime() + verificationLifetimeMs).toISOString() : null,
  };
}

/** Until when `staffId` may act on this person, or null when they must verify (again). */
export async function verifiedUntil(
  db: Database,
  staffId: string,
  person: Person,
  now: Date,
): Promise<Date | null> {
  const [latest] = await db
    .select({ createdAt: identityVerifications.createdAt, passed: identityVerifications.passed })
    .from(identityVerifications)
    .where(and(subjectOf(person), eq(identityVerifications.staffId, staffId)))
    .orderBy(desc(identityVerifications.createdAt))
    .limit(1);
  // The latest attempt counts: a failed check after a passed one closes the door again.
  if (!latest?.passed) return null;
  const until = new Date(latest.createdAt.getTime() + verificationLifetimeMs);
  return until > now ? until : null;
}

/** For actions: the identity check must be done, by this member of staff, recently (SUP-101). */
export async function requireVerified(
  db: Database,
  staffId: string,
  person: Person,
  now: Date,
): Promise<void> {
  if (!(await verifiedUntil(db, staffId, person, now))) throw new ApiError("SUP-101");
}
