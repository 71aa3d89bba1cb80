import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "./auth/session.ts";
import { usernameColumns } from "./auth/username-skeleton.ts";
import { appointmentsVisibleTo } from "./authorization.ts";
import type { OpenDatabase } from "./db/open.ts";
import { appointments, patients, schedules, users } from "./db/schema.ts";
import { seedDemo } from "./db/seed.ts";
import { openTestDatabase, testDatabaseKinds } from "./test/database.ts";

describe.each(testDatabaseKinds())("which booked visits a clinician may see, on %s", (kind) => {
  let database: OpenDatabase;
  const people: Record<string, Pick<User, "id" | "role">> = {};
  const visits: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    const db = database.db;
    for (const row of await db.select().from(users)) people[row.username] = row;
    const [other] = await db
      .insert(users)
      .values({
        ...usernameColumns("dr.other"),
        displayName: "Dr. Other",
        role: "clinician",
        // Never signed in with: this test asks the rule directly, without the app.
        passwordHash: "unused",
      })
      .returning();
    if (!other) throw new Error("no second clinician");
    people["dr.other"] = other;
    const [record] = await db
      .insert(patients)
      .values({ accountId: people.ana?.id, name: "Ana Rivera" })
      .returning({ id: patients.id });
    // One visit on each clinician's schedule, for the same patient.
    for (const clinician of ["dr.lee", "dr.other"]) {
      const [schedule] = await db
        .insert(schedules)
        .values({
          practitionerId: people[clinician]?.id ?? "",
          timeZone: "UTC",
          location: "Clinic",
          phone: "+1 555 010 0200",
        })
        .returning({ id: schedules.id });
      const id = crypto.randomUUID();
      await db.insert(appointments).values({
        id,
        patientId: record?.id ?? "",
        scheduleId: schedule?.id ?? "",
        start: new Date("2026-03-02T09:00:00Z"),
        end: new Date("2026-03-02T09:30:00Z"),
        visitType: "in-person",
        reason: "Review",
        status: "booked",
        createdAt: new Date("2026-02-01T09:00:00Z"),
      });
      visits[clinician] = id;
    }
  });
  afterAll(() => database.close());

  const visibleTo = async (user: Pick<User, "id" | "role"> | undefined) => {
    if (!user) throw new Error("unknown person");
    const rows = await database.db
      .select({ id: appointments.id })
      .from(appointments)
      .where(inArray(appointments.id, appointmentsVisibleTo(database.db, user)));
    return rows.map((row) => row.id);
  };

  it("gives a clinician the visits on their own schedule and no other clinician's", async () => {
    expect(await visibleTo(people["dr.lee"])).toEqual([visits["dr.lee"]]);
    expect(await visibleTo(people["dr.other"])).toEqual([visits["dr.other"]]);
  });

  it("gives nobody but a clinician any visit through it", async () => {
    expect(await visibleTo(people.ana)).toEqual([]);
    expect(await visibleTo(people.sam)).toEqual([]);
    // The role is checked, not only the schedule's practitioner.
    expect(await visibleTo({ id: people["dr.lee"]?.id ?? "", role: "support" })).toEqual([]);
  });
});
