import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Availability,
  BookablePractitioners,
  CheckInAnswers,
  ClinicianAppointments,
  FreeSlot,
  FreeSlotsResponse,
} from "../../shared/contracts/appointments.ts";
import type { PulledResource } from "../../shared/contracts/sync.ts";
import { demoTemplate } from "../appointments/demo-seed.ts";
import type { OpenDatabase } from "../db/open.ts";
import { appointments, auditEvents, users } from "../db/schema.ts";
import { seedDemo } from "../db/seed.ts";
import { jsonHeaders, makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addPatientWithRecord, signedIn } from "../test/records.ts";
import { pullAll, push } from "../test/sync.ts";

type App = ReturnType<typeof makeTestApp>["app"];

/** A record holding only its Patient resource: enough to book with. */
function patientBundle(given: string): string {
  return JSON.stringify({
    resourceType: "Bundle",
    type: "collection",
    entry: [
      { resource: { resourceType: "Patient", id: `p-${given}`, name: [{ given: [given] }] } },
    ],
  });
}

const answers: CheckInAnswers = {
  phone: "+1 555 010 0999",
  medicationsConfirmed: true,
  allergiesConfirmed: false,
  changes: "Stopped taking aspirin",
  symptoms: "Tired in the afternoons",
  interpreter: true,
};

describe.each(testDatabaseKinds())("appointments on %s", (kind) => {
  let database: OpenDatabase;
  let app: App;
  // Monday 2 March 2026, 12:00 in New York: the spring DST change (8 March) is days ahead.
  const clock = makeClock(new Date("2026-03-02T17:00:00Z"));
  const who: Record<string, { id: string; cookie: string }> = {};
  let scheduleId = "";

  const get = async <T>(path: string, cookie: string): Promise<T> => {
    const res = await app.request(path, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const slots = (visitType = "in-person", extra = "") =>
    get<FreeSlotsResponse>(
      `/api/appointments/slots?scheduleId=${scheduleId}&visitType=${visitType}${extra}`,
      who.ana?.cookie as string,
    );
  const mutation = (username: string, name: string, args: unknown) => ({
    id: randomUUID(),
    name,
    args,
    author: who[username]?.id as string,
  });
  const book = (username: string, slot: FreeSlot, id = randomUUID()) =>
    mutation(username, "appointment.book", {
      id,
      scheduleId: slot.scheduleId,
      start: slot.start,
      visitType: slot.visitType,
      reason: "Check-up",
    });
  const pushOne = async (username: string, m: ReturnType<typeof mutation>) =>
    (await push(app, who[username]?.cookie as string, [m])).results[0];
  const appointmentsPulledBy = async (username: string) => {
    const { pages } = await pullAll(app, who[username]?.cookie as string);
    const rows = pages.flatMap((page) => page.rows);
    return rows.filter((row): row is PulledResource => !row.deleted && row.type === "Appointment");
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    await addPatientWithRecord(database.db, "ana", patientBundle("Ana"));
    await addPatientWithRecord(database.db, "rosa", patientBundle("Rosa"));
    await database.db.insert(users).values({
      username: "dr.other",
      displayName: "Dr. Other",
      role: "clinician",
      passwordHash: (await database.db.select().from(users).where(eq(users.username, "dr.lee")))[0]
        ?.passwordHash as string,
    });
    app = makeTestApp(database.db, { now: clock.now }).app;
    for (const username of ["ana", "rosa", "kai", "dr.lee", "dr.other"]) {
      const [row] = await database.db.select().from(users).where(eq(users.username, username));
      who[username] = { id: row?.id as string, cookie: await signedIn(app, username) };
    }
  });
  afterAll(() => database.close());

  it("lets a clinician publish a weekly template, and refuses overlaps and unknown zones", async () => {
    const put = (body: unknown, cookie = who["dr.lee"]?.cookie as string) =>
      app.request("/api/appointments/clinician/availability", {
        method: "POST",
        headers: jsonHeaders({ cookie }),
        body: JSON.stringify(body),
      });
    const settings = { timeZone: "America/New_York", location: "Main St", phone: "+1 555 0100" };
    const overlapping = [
      { weekday: 1, startTime: "09:00", endTime: "12:00", visitType: "in-person", slotMinutes: 30 },
      { weekday: 1, startTime: "11:00", endTime: "13:00", visitType: "video", slotMinutes: 30 },
    ];
    const refused = await put({ ...settings, template: overlapping });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      error: { code: "REQ-302", fields: [{ field: "template.1.startTime", problem: "invalid" }] },
    });
    expect((await put({ ...settings, timeZone: "Mars/Olympus", template: [] })).status).toBe(422);
    expect((await put({ ...settings, template: demoTemplate })).status).toBe(204);

    const saved = await get<Availability>(
      "/api/appointments/clinician/availability",
      who["dr.lee"]?.cookie as string,
    );
    expect(saved.template).toHaveLength(demoTemplate.length);
    const listed = await get<BookablePractitioners>(
      "/api/appointments/practitioners",
      who.ana?.cookie as string,
    );
    expect(listed.practitioners).toEqual([
      {
        scheduleId: expect.any(String),
        name: "Dr. Jordan Lee",
        location: "Main St",
        timeZone: "America/New_York",
        visitTypes: ["in-person", "video"],
      },
    ]);
    scheduleId = listed.practitioners[0]?.scheduleId as string;
  });

  it("offers free slots at the clinic's wall time on both sides of the DST change", async () => {
    const { slots: free } = await slots();
    const starts = free.map((slot) => slot.start);
    // Friday 6 March, 09:00 EST, and Monday 9 March, 09:00 EDT.
    expect(starts).toContain("2026-03-06T14:00:00.000Z");
    expect(starts).toContain("2026-03-09T13:00:00.000Z");
    // A fixed-offset conversion would put Friday's 09:00 at 13:00Z.
    expect(starts).not.toContain("2026-03-06T13:00:00.000Z");
    expect(free.every((slot) => Date.parse(slot.start) > clock.now().getTime())).toBe(true);
  });

  it("books a slot once: the second patient is refused with APPT-101", async () => {
    const [slot] = (await slots()).slots;
    if (!slot) throw new Error("no slot");
    const anaBooks = book("ana", slot);
    expect(await pushOne("ana", anaBooks)).toMatchObject({ status: "applied" });
    expect(await pushOne("rosa", book("rosa", slot))).toMatchObject({
      status: "rejected",
      code: "APPT-101",
    });
    expect((await slots()).slots.map((s) => s.start)).not.toContain(slot.start);

    const pulled = await appointmentsPulledBy("ana");
    const appointment = pulled.find((row) => row.id === (anaBooks.args as { id: string }).id);
    expect(appointment?.resource).toMatchObject({
      resourceType: "Appointment",
      status: "booked",
      start: slot.start,
      description: "Check-up",
    });
    expect(await appointmentsPulledBy("rosa")).toEqual([]);
  });

  it("lets exactly one of two patients booking one slot at the same instant win", async () => {
    const [, slot] = (await slots()).slots;
    if (!slot) throw new Error("no slot");
    const results = await Promise.all([
      pushOne("ana", book("ana", slot)),
      pushOne("rosa", book("rosa", slot)),
    ]);
    expect(results.map((r) => r?.status).sort()).toEqual(["applied", "rejected"]);
    expect(results.find((r) => r?.status === "rejected")).toMatchObject({ code: "APPT-101" });
    const live = await database.db
      .select()
      .from(appointments)
      .where(
        and(eq(appointments.start, new Date(slot.start)), ne(appointments.status, "cancelled")),
      );
    expect(live).toHaveLength(1);
  });

  it("refuses a time the schedule does not offer, and a slot in the past", async () => {
    const [slot] = (await slots()).slots;
    if (!slot) throw new Error("no slot");
    const offGrid = { ...slot, start: new Date(Date.parse(slot.start) + 60_000).toISOString() };
    expect(await pushOne("ana", book("ana", offGrid))).toMatchObject({ code: "APPT-103" });
    const wrongKind = { ...slot, visitType: "video" as const };
    expect(await pushOne("ana", book("ana", wrongKind))).toMatchObject({ code: "APPT-103" });
    const past = { ...slot, start: "2026-03-02T14:00:00.000Z" };
    expect(await pushOne("ana", book("ana", past))).toMatchObject({ code: "APPT-103" });
  });

  it("refuses impossible dates anywhere a date is sent (docs/security.md)", async () => {
    // 31 February read as a Date is 3 March: a slot that day would have been booked.
    const slot = (await slots()).slots.find((s) => s.start.startsWith("2026-03-03"));
    if (!slot) throw new Error("no slot on 3 March");
    const impossible = `2026-02-31${slot.start.slice(10)}`;
    expect(await pushOne("ana", book("ana", { ...slot, start: impossible }))).toMatchObject({
      status: "rejected",
      code: "REQ-302",
      fields: [{ field: "start", problem: "invalid" }],
    });
    const reschedule = mutation("ana", "appointment.reschedule", {
      appointmentId: randomUUID(),
      newId: randomUUID(),
      start: impossible,
    });
    expect(await pushOne("ana", reschedule)).toMatchObject({ code: "REQ-302" });

    const cookie = who.ana?.cookie as string;
    const around = await app.request(
      `/api/appointments/slots?scheduleId=${scheduleId}&visitType=in-person&around=${impossible}`,
      { headers: { cookie } },
    );
    expect(around.status).toBe(422);
    expect(await around.json()).toMatchObject({ error: { code: "REQ-302" } });

    const doctor = who["dr.lee"]?.cookie as string;
    const list = await app.request(
      "/api/appointments/clinician?from=2026-02-30T00:00:00.000Z&to=2026-03-05T00:00:00.000Z",
      { headers: { cookie: doctor } },
    );
    expect(list.status).toBe(422);
    const override = await app.request("/api/appointments/clinician/availability/overrides", {
      method: "POST",
      headers: jsonHeaders({ cookie: doctor }),
      body: JSON.stringify({ date: "2026-02-30", kind: "closed" }),
    });
    expect(override.status).toBe(422);
    expect(await override.json()).toMatchObject({
      error: { code: "REQ-302", fields: [{ field: "date", problem: "invalid" }] },
    });
  });

  it("refuses invisible-only text and NULs in reasons and check-in answers (docs/security.md)", async () => {
    const [slot] = (await slots()).slots;
    if (!slot) throw new Error("no slot");
    const withReason = (reason: string) =>
      mutation("ana", "appointment.book", {
        id: randomUUID(),
        scheduleId: slot.scheduleId,
        start: slot.start,
        visitType: slot.visitType,
        reason,
      });
    for (const reason of [
      "\u2060",
      " \u115F\u3164 ",
      "\u00AD\u2800",
      "\u{E0041}\u{E007F} \u200B",
    ]) {
      expect(await pushOne("ana", withReason(reason))).toMatchObject({
        code: "REQ-302",
        fields: [{ field: "reason", problem: "required" }],
      });
    }
    // PostgreSQL cannot keep a NUL: refused before it gets there, not a 500.
    for (const reason of ["\u0000", "Check-up\u0000", " \u0000 \u2060"]) {
      expect(await pushOne("ana", withReason(reason))).toMatchObject({ code: "REQ-307" });
    }
    const checkIn = (changes: Partial<CheckInAnswers>) =>
      mutation("ana", "appointment.checkIn", {
        appointmentId: randomUUID(),
        answers: { ...answers, ...changes },
      });
    expect(await pushOne("ana", checkIn({ phone: "\u2800 \u3164" }))).toMatchObject({
      code: "REQ-302",
      fields: [{ field: "answers.phone", problem: "required" }],
    });
    expect(await pushOne("ana", checkIn({ symptoms: "\u{E0020}\u2060" }))).toMatchObject({
      code: "REQ-302",
      fields: [{ field: "answers.symptoms", problem: "invalid" }],
    });
    expect(await pushOne("ana", checkIn({ changes: "none\u0000" }))).toMatchObject({
      code: "REQ-307",
    });
    const stored = await database.db
      .select()
      .from(appointments)
      .where(eq(appointments.start, new Date(slot.start)));
    expect(stored).toEqual([]);
  });

  it("cancels until the cut-off, then asks the person to call (APPT-102)", async () => {
    const free = (await slots()).slots;
    // One slot a week out, one the next morning (inside the 24-hour cut-off).
    const later = free.find((s) => Date.parse(s.start) > clock.now().getTime() + 5 * 86_400_000);
    const soon = free.find((s) => Date.parse(s.start) < clock.now().getTime() + 86_400_000);
    if (!later || !soon) throw new Error("no slots");
    const laterId = randomUUID();
    const soonId = randomUUID();
    await pushOne("ana", book("ana", later, laterId));
    await pushOne("ana", book("ana", soon, soonId));

    const cancelSoon = mutation("ana", "appointment.cancel", { appointmentId: soonId });
    expect(await pushOne("ana", cancelSoon)).toMatchObject({ code: "APPT-102" });
    const cancelLater = mutation("ana", "appointment.cancel", { appointmentId: laterId });
    expect(await pushOne("ana", cancelLater)).toMatchObject({ status: "applied" });
    expect((await slots()).slots.map((s) => s.start)).toContain(later.start);
    const pulled = await appointmentsPulledBy("ana");
    expect(pulled.find((row) => row.id === laterId)?.resource.status).toBe("cancelled");
    // Cancelling twice: already cancelled.
    const again = mutation("ana", "appointment.cancel", { appointmentId: laterId });
    expect(await pushOne("ana", again)).toMatchObject({ code: "APPT-105" });
  });

  it("reschedules in one step, and leaves the visit as it was when the new slot is taken", async () => {
    const free = (await slots()).slots.filter(
      (s) => Date.parse(s.start) > clock.now().getTime() + 2 * 86_400_000,
    );
    const [first, second, third] = free;
    if (!first || !second || !third) throw new Error("no slots");
    const visitId = randomUUID();
    await pushOne("ana", book("ana", first, visitId));
    await pushOne("rosa", book("rosa", second));
    const toTaken = mutation("ana", "appointment.reschedule", {
      appointmentId: visitId,
      newId: randomUUID(),
      start: second.start,
    });
    expect(await pushOne("ana", toTaken)).toMatchObject({ code: "APPT-101" });
    const [still] = await database.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, visitId));
    expect(still?.status).toBe("booked");

    const newId = randomUUID();
    const toFree = mutation("ana", "appointment.reschedule", {
      appointmentId: visitId,
      newId,
      start: third.start,
    });
    expect(await pushOne("ana", toFree)).toMatchObject({ status: "applied" });
    const pulled = await appointmentsPulledBy("ana");
    expect(pulled.find((row) => row.id === visitId)?.resource.status).toBe("cancelled");
    expect(pulled.find((row) => row.id === newId)?.resource).toMatchObject({
      status: "booked",
      start: third.start,
    });
  });

  it("opens check-in 7 days before the start and closes it at the start", async () => {
    const free = (await slots()).slots;
    const far = free.find((s) => Date.parse(s.start) > clock.now().getTime() + 8 * 86_400_000);
    const near = free.find((s) => Date.parse(s.start) > clock.now().getTime() + 2 * 86_400_000);
    if (!far || !near) throw new Error("no slots");
    const farId = randomUUID();
    const nearId = randomUUID();
    await pushOne("ana", book("ana", far, farId));
    await pushOne("ana", book("ana", near, nearId));
    const checkIn = (appointmentId: string) =>
      mutation("ana", "appointment.checkIn", { appointmentId, answers });
    expect(await pushOne("ana", checkIn(farId))).toMatchObject({ code: "APPT-104" });
    expect(await pushOne("ana", checkIn(nearId))).toMatchObject({ status: "applied" });
    const pulled = await appointmentsPulledBy("ana");
    expect(pulled.find((row) => row.id === nearId)?.resource.status).toBe("checked-in");

    // The clinician's list shows the answers.
    const from = clock.now().toISOString();
    const to = new Date(clock.now().getTime() + 14 * 86_400_000).toISOString();
    const list = await get<ClinicianAppointments>(
      `/api/appointments/clinician?from=${from}&to=${to}`,
      who["dr.lee"]?.cookie as string,
    );
    expect(list.appointments.find((a) => a.id === nearId)).toMatchObject({
      patientName: expect.any(String),
      status: "checked-in",
      checkIn: answers,
    });
  });

  it("lets a patient change only their own appointments (REQ-304, as if it did not exist)", async () => {
    const [own] = (await appointmentsPulledBy("ana")).filter((r) => r.resource.status === "booked");
    if (!own) throw new Error("no appointment");
    for (const [name, args] of [
      ["appointment.cancel", { appointmentId: own.id }],
      ["appointment.checkIn", { appointmentId: own.id, answers }],
      [
        "appointment.reschedule",
        { appointmentId: own.id, newId: randomUUID(), start: own.resource.start },
      ],
    ] as const) {
      expect(await pushOne("rosa", mutation("rosa", name, args))).toMatchObject({
        status: "rejected",
        code: "REQ-304",
      });
    }
    // kai has no record: nothing to book for.
    const [slot] = (await slots()).slots;
    if (!slot) throw new Error("no slot");
    expect(await pushOne("kai", book("kai", slot))).toMatchObject({ code: "REC-401" });
    const [row] = await database.db.select().from(appointments).where(eq(appointments.id, own.id));
    expect(row?.status).toBe("booked");
  });

  it("shows a clinician only their own schedule, and staff routes to clinicians only", async () => {
    const from = "2026-03-01T00:00:00.000Z";
    const to = "2026-03-31T00:00:00.000Z";
    const path = `/api/appointments/clinician?from=${from}&to=${to}`;
    const mine = await get<ClinicianAppointments>(path, who["dr.lee"]?.cookie as string);
    expect(mine.appointments.length).toBeGreaterThan(0);
    const other = await get<ClinicianAppointments>(path, who["dr.other"]?.cookie as string);
    expect(other.appointments).toEqual([]);
    const otherAvailability = await app.request("/api/appointments/clinician/availability", {
      headers: { cookie: who["dr.other"]?.cookie as string },
    });
    expect(otherAvailability.status).toBe(404);

    // One-off changes: dr.other cannot delete dr.lee's.
    const added = await app.request("/api/appointments/clinician/availability/overrides", {
      method: "POST",
      headers: jsonHeaders({ cookie: who["dr.lee"]?.cookie as string }),
      body: JSON.stringify({ date: "2026-03-20", kind: "closed" }),
    });
    expect(added.status).toBe(201);
    const { id } = (await added.json()) as { id: string };
    const remove = (cookie: string) =>
      app.request(`/api/appointments/clinician/availability/overrides/${id}/delete`, {
        method: "POST",
        headers: jsonHeaders({ cookie }),
      });
    expect((await remove(who["dr.other"]?.cookie as string)).status).toBe(404);
    expect((await slots()).slots.some((s) => s.start.startsWith("2026-03-20"))).toBe(false);
    expect((await remove(who["dr.lee"]?.cookie as string)).status).toBe(204);
    expect((await slots()).slots.some((s) => s.start.startsWith("2026-03-20"))).toBe(true);

    const patient = await app.request(path, { headers: { cookie: who.ana?.cookie as string } });
    expect(patient.status).toBe(403);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "appointments.clinician-access"),
          eq(auditEvents.actorId, who.ana?.id as string),
        ),
      );
    expect(denied.map((e) => e.outcome)).toEqual(["denied"]);
    expect((await app.request(path)).status).toBe(401);
  });

  it("exports the appointments with their Schedule and Slot", async () => {
    const res = await app.request("/api/record/export", {
      headers: { cookie: who.ana?.cookie as string },
    });
    const bundle = (await res.json()) as { entry: { resource: Record<string, unknown> }[] };
    const appointment = bundle.entry
      .map((e) => e.resource)
      .find((r) => r.resourceType === "Appointment");
    const contained = ((appointment?.contained ?? []) as { resourceType: string }[]).map(
      (r) => r.resourceType,
    );
    expect(contained).toEqual(["Location", "Schedule", "Slot"]);
  });
});
