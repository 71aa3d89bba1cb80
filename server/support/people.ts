import { and, eq, ilike, isNull, or } from "drizzle-orm";
import type { PersonKind, PersonSummary } from "../../shared/contracts/support.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import type { User } from "../auth/session.ts";
import type { Database } from "../db/open.ts";
import { patients, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";

/** The identity part of a patient row: never the record's resources. */
export interface PatientIdentity {
  id: string;
  name: string | null;
  birthDate: string | null;
}

/**
 * Who a console page is about: a patient's account (with the patient it is, if the clinic
 * has sent a record), or a patient who has not activated an account yet.
 */
export type Person =
  | { kind: "account"; id: string; user: User; patient: PatientIdentity | null }
  | { kind: "patient"; id: string; user: null; patient: PatientIdentity };

const patientIdentity = { id: patients.id, name: patients.name, birthDate: patients.birthDate };
/**
 * Loads a person for the console. Unknown ids answer 404 REQ-304; a staff account answers 403
 * SUP-106: support works on patients' accounts, never on colleagues' (a support member could
 * otherwise take over another's, or an administrator's, account).
 */
export async function findPerson(db: Database, kind: PersonKind, id: string): Promise<Person> {
  if (!isUuid(id)) throw new ApiError("REQ-304");
  if (kind === "account") {
    const [user] = await db.select().from(users).where(eq(users.id, id));
    if (!user) throw new ApiError("REQ-304");
    if (user.role !== "patient") throw new ApiError("SUP-106");
    const [patient] = await db
      .select(patientIdentity)
      .from(patients)
      .where(eq(patients.accountId, id));
    return { kind, id, user, patient: patient ?? null };
  }
  const [patient] = await db
    .select(patientIdentity)
    .from(patients)
    .where(and(eq(patients.id, id), isNull(patients.accountId)));
  if (!patient) throw new ApiError("REQ-304");
  return { kind, id, user: null, patient };
}

export function summaryOf(person: Person): PersonSummary {
  return {
    kind: person.kind,
    id: person.id,
    displayName: person.user?.displayName ?? person.patient?.name ?? "",
    username: person.user?.username ?? null,
    activated: person.user !== null,
  };
}

const resultLimit = 20;

/** Patients' accounts whose username or email address is exactly `q` (case aside). */
export async function searchByName(db: Database, q: string): Promise<PersonSummary[]> {
  const typed = q.toLowerCase();
  const rows = await db
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(and(eq(users.role, "patient"), or(eq(users.username, typed), eq(users.email, typed))))
    .limit(resultLimit);
  return rows.map((row) => ({ kind: "account", ...row, activated: true }));
}

/**
 * People whose date of birth is `birthDate` and whose name contains `name`: a patient's
 * account when there is one, else the patient (not activated). Staff accounts never appear.
 */
export async function searchByBirthDate(
  db: Database,
  name: string,
  birthDate: string,
): Promise<PersonSummary[]> {
  const pattern = `%${name.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const rows = await db
    .select({
      patientId: patients.id,
      patientName: patients.name,
      userId: users.id,
      displayName: users.displayName,
      username: users.username,
      role: users.role,
    })
    .from(patients)
    .leftJoin(users, eq(users.id, patients.accountId))
    .where(
      and(
        eq(patients.birthDate, birthDate),
        or(ilike(patients.name, pattern), ilike(users.displayName, pattern)),
      ),
    )
    .limit(resultLimit);
  return rows.flatMap((row): PersonSummary[] => {
    if (row.userId) {
      if (row.role !== "patient") return [];
      return [
        {
          kind: "account",
          id: row.userId,
          displayName: row.displayName ?? "",
          username: row.username,
          activated: true,
        },
      ];
    }
    return [
      {
        kind: "patient",
        id: row.patientId,
        displayName: row.patientName ?? "",
        username: null,
        activated: false,
      },
    ];
  });
}
