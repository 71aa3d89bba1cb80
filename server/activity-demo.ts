import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "./db/open.ts";
import { auditEvents, inboxThreads, patients, users } from "./db/schema.ts";

const day = 86_400_000;
const demoUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36";

/**
 * What `ana` finds under "Who opened your record, messages, appointments or account" on
 * /account/activity (docs/security.md): Dr. Lee reading her messages and her visits through
 * her care team, and Sam from support opening her account for a request. Real audit rows,
 * dated in the past, as the routes would have written them. Run after the demo inbox.
 * Idempotent: the rows are marked as the demo's and written once.
 */
export async function seedDemoActivity(db: Database, now: Date): Promise<void> {
  const people = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ["ana", "dr.lee", "sam"]));
  const idOf = (username: string) => people.find((p) => p.username === username)?.id;
  const ana = idOf("ana");
  const lee = idOf("dr.lee");
  const sam = idOf("sam");
  if (!ana || !lee || !sam) return;
  const [record] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.accountId, ana));
  if (!record) return;
  const already = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.patientId, record.id), sql`${auditEvents.details}->>'demo' = 'true'`))
    .limit(1);
  if (already.length > 0) return;
  const [thread] = await db
    .select({ id: inboxThreads.id })
    .from(inboxThreads)
    .where(eq(inboxThreads.patientId, record.id))
    .limit(1);
  const at = (daysAgo: number, hour: number) =>
    new Date(Math.floor(now.getTime() / day) * day - daysAgo * day + hour * 3_600_000);
  const common = { outcome: "success" as const, ip: null, userAgent: demoUserAgent };
  await db.insert(auditEvents).values([
    {
      ...common,
      at: at(5, 14),
      actorId: lee,
      action: "inbox.read",
      patientId: record.id,
      details: { demo: true, ...(thread ? { thread: thread.id } : {}) },
    },
    {
      ...common,
      at: at(2, 8),
      actorId: lee,
      action: "appointments.clinician-list",
      patientId: record.id,
      details: { demo: true },
    },
    {
      ...common,
      at: at(3, 10),
      actorId: sam,
      action: "support.person.read",
      patientId: null,
      details: { demo: true, kind: "account", id: ana },
    },
  ]);
}
