import { eq } from "drizzle-orm";
import type { TemplatePeriod } from "../../shared/contracts/appointments.ts";
import type { Database } from "../db/open.ts";
import { appointments, availabilityTemplates, patients, schedules, users } from "../db/schema.ts";
import { importFhirFile } from "../fhir/import.ts";
import { writePatientData } from "../records/patient-version.ts";
import { writeAppointmentResource } from "./appointment-resource.ts";
import { offeredSlots } from "./offered-slots.ts";
import { addDays, wallClockAt } from "./zoned-time.ts";

/** Dr. Lee's clinic: in person on weekday mornings, by video three afternoons a week. */
export const demoSchedule = {
  timeZone: "America/New_York",
  location: "Hearth Community Clinic, 120 Main Street, Springfield",
  phone: "+1 555 010 0200",
} as const;

export const demoTemplate: TemplatePeriod[] = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({
    weekday,
    startTime: "09:00",
    endTime: "12:00",
    visitType: "in-person" as const,
    slotMinutes: 30,
  })),
  ...[1, 3, 5].map((weekday) => ({
    weekday,
    startTime: "14:00",
    endTime: "16:00",
    visitType: "video" as const,
    slotMinutes: 20,
  })),
];

const pastVisits = [
  { daysAgo: 21, reason: "Review of blood sugar readings" },
  { daysAgo: 95, reason: "Annual diabetes check-up" },
  { daysAgo: 180, reason: "Foot examination" },
];

/**
 * Gives `dr.lee` a schedule (bookable for the weeks ahead from the weekly template), `ana`
 * one upcoming visit (inside the check-in window) and three past ones, and `rosa` a minimal
 * record so that a second patient can book (the offline-conflict walk-through). Idempotent:
 * nothing is added once dr.lee has a schedule.
 */
export async function seedDemoAppointments(db: Database, now: Date): Promise<string[]> {
  const [lee] = await db.select().from(users).where(eq(users.username, "dr.lee"));
  if (!lee) return [];
  const [existing] = await db.select().from(schedules).where(eq(schedules.practitionerId, lee.id));
  if (existing) return [];
  const [schedule] = await db
    .insert(schedules)
    .values({ practitionerId: lee.id, ...demoSchedule })
    .returning();
  if (!schedule) return [];
  await db
    .insert(availabilityTemplates)
    .values(demoTemplate.map((period) => ({ scheduleId: schedule.id, ...period })));
  await giveRosaARecord(db);

  const [ana] = await db
    .select({ patientId: patients.id, userId: users.id })
    .from(users)
    .innerJoin(patients, eq(patients.accountId, users.id))
    .where(eq(users.username, "ana"));
  if (!ana) return ["dr.lee: schedule"];
  const today = wallClockAt(now, schedule.timeZone).date;
  const slotOn = (from: string, days: number) =>
    offeredSlots(demoTemplate, [], schedule.timeZone, from, addDays(from, days)).find(
      (slot) => slot.visitType === "in-person" && slot.start > now,
    ) ?? offeredSlots(demoTemplate, [], schedule.timeZone, from, addDays(from, days))[0];
  const visits = [
    ...pastVisits.map((visit) => ({
      slot: offeredSlots(
        demoTemplate,
        [],
        schedule.timeZone,
        addDays(today, -visit.daysAgo),
        today,
      )[0],
      reason: visit.reason,
      status: "fulfilled" as const,
    })),
    { slot: slotOn(addDays(today, 3), 7), reason: "Diabetes follow-up", status: "booked" as const },
  ];
  for (const visit of visits) {
    if (!visit.slot) continue;
    const { start, end, visitType } = visit.slot;
    await writePatientData(db, ana.patientId, async (tx, version) => {
      const [row] = await tx
        .insert(appointments)
        .values({
          id: crypto.randomUUID(),
          patientId: ana.patientId,
          scheduleId: schedule.id,
          start,
          end,
          visitType,
          reason: visit.reason,
          status: visit.status,
          bookedBy: ana.userId,
          createdAt: new Date(start.getTime() - 14 * 86_400_000),
        })
        .returning();
      if (row) await writeAppointmentResource(tx, row, schedule, 24, version, now);
    });
  }
  return [`dr.lee: schedule; ana: ${visits.length} appointments`];
}

/** A Patient resource for rosa's account: enough of a record to book with. */
async function giveRosaARecord(db: Database): Promise<void> {
  const [rosa] = await db.select().from(users).where(eq(users.username, "rosa"));
  if (!rosa) return;
  const bundle = {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      {
        resource: {
          resourceType: "Patient",
          id: "demo-rosa-mendes",
          name: [{ given: ["Rosa"], family: "Mendes" }],
          birthDate: "1990-07-21",
        },
      },
    ],
  };
  await importFhirFile(db, JSON.stringify(bundle), { account: "rosa" });
}
