import type { Role } from "../../shared/contracts/me.ts";
import { seedDemoActivity } from "../activity-demo.ts";
import { seedDemoAppointments } from "../appointments/demo-seed.ts";
import { seedDemoActivation } from "../auth/activation-demo.ts";
import { hashPassword } from "../auth/password.ts";
import { usernameColumns } from "../auth/username-skeleton.ts";
import { demoPatients } from "../fhir/generator/demo-patients.ts";
import { generatePatientRecord } from "../fhir/generator/patient-record.ts";
import { importFhirFile } from "../fhir/import.ts";
import { seedDemoInbox } from "../inbox/demo-inbox.ts";
import type { Database } from "./open.ts";
import { users } from "./schema.ts";

export const demoPassword = "hearth-demo";

export const demoAccounts: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  email?: string;
  phone?: string;
}> = [
  { username: "ana", displayName: "Ana Rivera", role: "patient" },
  { username: "dr.lee", displayName: "Dr. Jordan Lee", role: "clinician" },
  { username: "sam", displayName: "Sam Okafor", role: "support" },
  // A second member of support staff: an identity check one of them records, the other
  // approves (the two-person rule, docs/decisions/0020-support-console.md).
  { username: "ines", displayName: "Ines Moreau", role: "support" },
  // A patient with no record, for trying account security (two-step sign-in) without
  // changing how `ana` signs in.
  { username: "kai", displayName: "Kai Tanaka", role: "patient" },
  // A patient with an email address and a phone number, for trying codes by email or SMS (the
  // development outbox prints them).
  {
    username: "rosa",
    displayName: "Rosa Mendes",
    role: "patient",
    email: "rosa@example.org",
    phone: "+15550100123",
  },
  // A patient who loses access in the support console's story (e2e/support.spec.ts): support
  // sends him a reset code and he chooses a new password, so no other test may rely on it.
  {
    username: "noah",
    displayName: "Noah Clarke",
    role: "patient",
    email: "noah@example.org",
    phone: "+15550100987",
  },
  // A patient who forgets her password in e2e/access.spec.ts: it is reset there, so no other
  // test may rely on it.
  {
    username: "mira",
    displayName: "Mira Patel",
    role: "patient",
    email: "mira@example.org",
    phone: "+15550100456",
  },
  // Account security's browser tests (e2e/account.spec.ts, e2e/idle.spec.ts): lena changes her
  // password there and omar his email and phone, so no other test may rely on either.
  { username: "lena", displayName: "Lena Fischer", role: "patient", email: "lena@example.org" },
  { username: "omar", displayName: "Omar Haddad", role: "patient" },
  // Sign-in approval from another device (e2e/approval.spec.ts turns on his authenticator app),
  // so no other test may rely on how he signs in.
  { username: "theo", displayName: "Theo Brandt", role: "patient" },
];

/**
 * Adds the demo accounts that are missing. Refuses in production: a known password on a real
 * portal would be a door left open.
 */
export async function seedDemo(db: Database, production: boolean): Promise<string[]> {
  if (production) throw new Error("The demo seed never runs when NODE_ENV=production.");
  const passwordHash = await hashPassword(demoPassword);
  const added = await db
    .insert(users)
    .values(
      demoAccounts.map((account) => ({
        ...account,
        ...usernameColumns(account.username),
        passwordHash,
      })),
    )
    .onConflictDoNothing({ target: users.username })
    .returning({ username: users.username });
  return added.map((row) => row.username);
}

/**
 * Gives `ana` her synthetic health record (four years of type 2 diabetes care) and adds two
 * patients who have no account. Run after `seedDemo`. Idempotent: a second run finds every
 * resource already there and changes nothing. Answers one line per patient.
 */
export async function seedDemoRecords(db: Database, production: boolean): Promise<string[]> {
  if (production) throw new Error("The demo seed never runs when NODE_ENV=production.");
  const records = [
    { options: demoPatients.ana, account: "ana" },
    ...demoPatients.others.map((options) => ({ options, account: undefined })),
  ];
  const lines: string[] = [];
  for (const { options, account } of records) {
    const bundle = JSON.stringify(generatePatientRecord(options));
    const report = await importFhirFile(db, bundle, { account });
    const total = report.created + report.updated + report.unchanged;
    lines.push(
      `${options.given} ${options.family}${account ? ` (account ${account})` : " (no account)"}: ${total} resources, ${report.created} new`,
    );
  }
  // Ana's care team (Dr. Lee) and two conversations with it (ADR 16).
  await seedDemoInbox(db);
  // Dr. Lee's availability, Ana's visits, and a record for Rosa to book with (ADR 17).
  await seedDemoAppointments(db, new Date());
  // Lina's activation code, known in advance (server/auth/activation-demo.ts; ADR 18).
  await seedDemoActivation(db, new Date());
  // Who else opened Ana's messages, visits and account, for /account/activity (docs/security.md).
  await seedDemoActivity(db, new Date());
  return lines;
}

export async function isEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).limit(1);
  return rows.length === 0;
}
