import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInOpensDays } from "../../shared/contracts/appointments.ts";
import type { OpenDatabase } from "../db/open.ts";
import { appointments, patients, resources, users } from "../db/schema.ts";
import { seedDemo } from "../db/seed.ts";
import { openTestDatabase } from "../test/database.ts";
import { addPatientWithRecord } from "../test/records.ts";
import { seedDemoAppointments } from "./demo-seed.ts";
import { freeSlots, loadAvailability } from "./free-slots.ts";

describe("the demo appointments", () => {
  let database: OpenDatabase;
  const now = new Date("2026-11-25T15:00:00Z");

  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    await seedDemo(database.db, false);
    await addPatientWithRecord(
      database.db,
      "ana",
      JSON.stringify({
        resourceType: "Bundle",
        type: "collection",
        entry: [{ resource: { resourceType: "Patient", id: "ana", name: [{ given: ["Ana"] }] } }],
      }),
    );
  });
  afterAll(() => database.close());

  it("gives ana one upcoming visit (check-in open) and three past ones, once", async () => {
    expect(await seedDemoAppointments(database.db, now)).toHaveLength(1);
    expect(await seedDemoAppointments(database.db, now)).toEqual([]);
    const rows = await database.db.select().from(appointments);
    const upcoming = rows.filter((row) => row.start > now);
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]?.status).toBe("booked");
    const opens = (upcoming[0]?.start.getTime() ?? 0) - checkInOpensDays * 86_400_000;
    expect(opens).toBeLessThan(now.getTime());
    expect(rows.filter((row) => row.start < now).map((row) => row.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    const projected = await database.db
      .select()
      .from(resources)
      .where(eq(resources.resourceType, "Appointment"));
    expect(projected).toHaveLength(4);
  });

  it("gives dr.lee four weeks of free slots and rosa a record to book with", async () => {
    const [lee] = await database.db.select().from(users).where(eq(users.username, "dr.lee"));
    const [rosa] = await database.db.select().from(users).where(eq(users.username, "rosa"));
    const [rosaRecord] = await database.db
      .select()
      .from(patients)
      .where(eq(patients.accountId, rosa?.id as string));
    expect(rosaRecord).toBeDefined();
    const [schedule] = await database.db.select().from(appointments);
    const availability = await loadAvailability(database.db, schedule?.scheduleId as string);
    expect(availability?.schedule.practitionerId).toBe(lee?.id);
    const free = await freeSlots(
      database.db,
      availability as NonNullable<typeof availability>,
      "in-person",
      now,
    );
    const lastDay = Date.parse(free.at(-1)?.start as string);
    expect(lastDay - now.getTime()).toBeGreaterThan(26 * 86_400_000);
  });
});
