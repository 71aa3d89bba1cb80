import { and, eq, sql } from "drizzle-orm";
import type { IdentityItem } from "../../shared/contracts/support.ts";
import type { Database } from "../db/open.ts";
import { resources } from "../db/schema.ts";
import type { Person } from "./people.ts";

/** What the checklist can be compared with. Held on the server only, never sent to staff. */
export interface IdentityOnFile {
  birthDate: string | null;
  postalCodes: string[];
  phones: string[];
  emails: string[];
}

/**
 * Reads what identifies a person: the account's email and phone, the patient's date of birth,
 * and the postal codes and phone numbers of their FHIR Patient resource. Only those two parts
 * of the Patient resource are read (jsonb paths in the query), and no other resource type:
 * support never sees the health record.
 */
export async function identityOnFile(db: Database, person: Person): Promise<IdentityOnFile> {
  const onFile: IdentityOnFile = {
    // A partial FHIR date ("1974") cannot be checked day for day.
    birthDate: person.patient?.birthDate?.length === 10 ? person.patient.birthDate : null,
    postalCodes: [],
    phones: person.user?.phone ? [person.user.phone] : [],
    emails: person.user?.email ? [person.user.email] : [],
  };
  if (!person.patient) return onFile;
  const rows = await db
    .select({
      address: sql<unknown>`${resources.resource}->'address'`,
      telecom: sql<unknown>`${resources.resource}->'telecom'`,
    })
    .from(resources)
    .where(
      and(
        eq(resources.patientId, person.patient.id),
        eq(resources.resourceType, "Patient"),
        eq(resources.deleted, false),
      ),
    );
  for (const row of rows) {
    for (const address of arrayOf(row.address)) {
      if (typeof address.postalCode === "string") onFile.postalCodes.push(address.postalCode);
    }
    for (const telecom of arrayOf(row.telecom)) {
      if (typeof telecom.value !== "string") continue;
      if (telecom.system === "phone" || telecom.system === "sms") onFile.phones.push(telecom.value);
      if (telecom.system === "email") onFile.emails.push(telecom.value);
    }
  }
  return onFile;
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter(
        (item): item is Record<string, unknown> => typeof item === "object" && item !== null,
      )
    : [];
}

export function itemsOnFile(onFile: IdentityOnFile): Record<IdentityItem, boolean> {
  return {
    birthDate: onFile.birthDate !== null,
    postalCode: onFile.postalCodes.length > 0,
    phone: onFile.phones.some((phone) => digitsOf(phone).length >= 7),
    email: onFile.emails.length > 0,
  };
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/** Postal codes compare without spaces, dashes or case ("sw1a 1aa" = "SW1A1AA"). */
export function postalCodeOf(text: string): string {
  return text.replace(/[\s-]/g, "").toUpperCase();
}

/**
 * Phone numbers compare by their digits; a number given with or without its country code
 * matches when the shorter is the end of the longer and has at least 7 digits.
 */
export function samePhone(a: string, b: string): boolean {
  const [short, long] = [digitsOf(a), digitsOf(b)].sort((x, y) => x.length - y.length);
  return short !== undefined && long !== undefined && short.length >= 7 && long.endsWith(short);
}
