import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FreeSlotsResponse } from "../../shared/contracts/appointments.ts";
import type { MutationArgs, MutationName } from "../../shared/contracts/sync.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import type { OpenDatabase } from "../db/open.ts";
import {
  appointments,
  auditEvents,
  inboxMessages,
  inboxThreads,
  patients,
  resources,
  schedules,
  users,
} from "../db/schema.ts";
import { seedDemo, seedDemoRecords } from "../db/seed.ts";
import { indexColumnsOf } from "../fhir/index-columns.ts";
import { writePatientData } from "../records/patient-version.ts";
import { makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { signedIn } from "../test/records.ts";
import { push } from "../test/sync.ts";
import { mutationHandlers } from "./mutations/catalog.ts";
import type { MutationHandler } from "./mutations/handler.ts";

type App = ReturnType<typeof makeTestApp>["app"];

/** Every path in `value` that holds a uuid, e.g. ["messageIds", 0]. */
function uuidPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value === "string") return isUuid(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => uuidPaths(item, [...at, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => uuidPaths(item, [...at, key]));
  }
  return [];
}

function withValueAt<T>(value: T, path: (string | number)[], replacement: string): T {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = replacement;
  return copy as T;
}

/**
 * Foreign ids (docs/security.md): no mutation, of any kind, may write on an id that is already in
 * another patient's record. The kinds come from the registry, and each kind's ids are found in its
 * arguments, not listed here, so a kind or an id field added later is swept too.
 */
describe.each(testDatabaseKinds())("ids from another patient's record on %s", (kind) => {
  let database: OpenDatabase;
  let app: App;
  let rosa: { id: string; cookie: string };
  let anaPatient = "";
  /** One id of each kind of thing in Ana's record. */
  const victimIds = new Map<string, string>();
  let samples: { [N in MutationName]: MutationArgs<N> };

  /** Everything of Ana's record, as stored: to show the sweep changed none of it. */
  const anaRecord = async () => ({
    patient: await database.db.select().from(patients).where(eq(patients.id, anaPatient)),
    resources: await database.db
      .select()
      .from(resources)
      .where(eq(resources.patientId, anaPatient))
      .orderBy(asc(resources.id)),
    appointments: await database.db
      .select()
      .from(appointments)
      .where(eq(appointments.patientId, anaPatient))
      .orderBy(asc(appointments.id)),
    threads: await database.db
      .select()
      .from(inboxThreads)
      .where(eq(inboxThreads.patientId, anaPatient))
      .orderBy(asc(inboxThreads.id)),
    messages: await database.db
      .select({ message: inboxMessages })
      .from(inboxMessages)
      .innerJoin(inboxThreads, eq(inboxThreads.id, inboxMessages.threadId))
      .where(eq(inboxThreads.patientId, anaPatient))
      .orderBy(asc(inboxMessages.id)),
  });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    await seedDemoRecords(database.db, false);
    app = makeTestApp(database.db).app;
    const [rosaUser] = await database.db.select().from(users).where(eq(users.username, "rosa"));
    rosa = { id: rosaUser?.id as string, cookie: await signedIn(app, "rosa") };
    const [ana] = await database.db
      .select({ id: patients.id })
      .from(patients)
      .innerJoin(users, eq(users.id, patients.accountId))
      .where(eq(users.username, "ana"));
    anaPatient = ana?.id as string;

    // An Appointment that came in an import, not through booking: only `resources` holds it.
    const imported = randomUUID();
    await writePatientData(database.db, anaPatient, async (tx, version) => {
      const resource = { resourceType: "Appointment", id: imported, status: "booked" };
      await tx.insert(resources).values({
        id: imported,
        patientId: anaPatient,
        resourceType: "Appointment",
        resource,
        sourceKey: `import:${imported}`,
        contentHash: imported,
        ...indexColumnsOf(resource),
        version,
      });
    });
    victimIds.set("imported Appointment", imported);
    const anaResources = await database.db
      .select({ id: resources.id, type: resources.resourceType })
      .from(resources)
      .where(eq(resources.patientId, anaPatient));
    // The check looks ids up by table, not by type: a few types stand for the rest.
    for (const { id, type } of anaResources) {
      const wanted = ["Patient", "Observation", "Practitioner", "CareTeam", "Communication"];
      if (wanted.includes(type) && !victimIds.has(type)) victimIds.set(type, id);
    }
    const [booked] = await database.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.patientId, anaPatient), eq(appointments.status, "booked")));
    const [thread] = await database.db
      .select()
      .from(inboxThreads)
      .where(eq(inboxThreads.patientId, anaPatient));
    const [message] = await database.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.threadId, thread?.id as string));
    if (!booked || !thread || !message) throw new Error("the demo record changed");
    victimIds.set("booked appointment", booked.id);
    victimIds.set("thread", thread.id);
    victimIds.set("message", message.id);
    victimIds.set("patient", anaPatient);

    // Arguments each kind would be applied with, but for the ids the sweep puts in.
    const [schedule] = await database.db.select().from(schedules);
    const res = await app.request(
      `/api/appointments/slots?scheduleId=${schedule?.id}&visitType=in-person`,
      { headers: { cookie: rosa.cookie } },
    );
    const [slot, later, own] = ((await res.json()) as FreeSlotsResponse).slots;
    if (!slot || !later || !own) throw new Error("no free slots");
    // Rosa's own visit, so that moving it would be applied but for the id the sweep puts in.
    const ownVisit = randomUUID();
    const booking = {
      id: randomUUID(),
      name: "appointment.book",
      args: {
        id: ownVisit,
        scheduleId: own.scheduleId,
        start: own.start,
        visitType: own.visitType,
        reason: "Rosa's own",
      },
      author: rosa.id,
    };
    expect((await push(app, rosa.cookie, [booking])).results[0]?.status).toBe("applied");
    samples = {
      "profile.setLanguage": { locale: "es" },
      "appointment.book": {
        id: randomUUID(),
        scheduleId: slot.scheduleId,
        start: slot.start,
        visitType: slot.visitType,
        reason: "Written by Rosa",
      },
      "appointment.cancel": { appointmentId: randomUUID() },
      "appointment.reschedule": {
        appointmentId: ownVisit,
        newId: randomUUID(),
        start: later.start,
      },
      "appointment.checkIn": {
        appointmentId: randomUUID(),
        answers: {
          phone: "+1 555 010 0999",
          medicationsConfirmed: true,
          allergiesConfirmed: true,
          changes: "Written by Rosa",
          symptoms: "",
          interpreter: false,
        },
      },
      "message.send": {
        messageId: randomUUID(),
        threadId: randomUUID(),
        body: "Written by Rosa",
        careTeamId: randomUUID(),
        subject: "Written by Rosa",
      },
      "message.markRead": { threadId: randomUUID(), messageIds: [randomUUID()] },
    };
  }, 120_000);
  afterAll(() => database.close());

  it("has sample arguments for every kind the registry applies", () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(mutationHandlers).sort());
    // A kind with no ids has nothing to make on a chosen id.
    for (const [name, args] of Object.entries(samples)) {
      if (uuidPaths(args).length > 0) continue;
      const handler = mutationHandlers[name as MutationName] as MutationHandler<MutationName>;
      expect(handler.creates(args as never), name).toEqual([]);
    }
  });

  it("refuses every kind, with each of its ids set to one from Ana's record, audited with the target, and changes nothing of hers", async () => {
    const before = await anaRecord();
    const problems: string[] = [];
    for (const [name, sample] of Object.entries(samples)) {
      const handler = mutationHandlers[name as MutationName] as MutationHandler<MutationName>;
      for (const path of uuidPaths(sample)) {
        for (const [what, victimId] of victimIds) {
          const args = withValueAt(sample, path, victimId);
          const made = handler.creates(args as never).includes(victimId);
          const expected = made ? "SYNC-804" : "REQ-304";
          const at = `${name} ${path.join(".")} = ${what}`;
          const [stored] = await database.db
            .select()
            .from(resources)
            .where(eq(resources.id, victimId));
          const mutation = { id: randomUUID(), name, args, author: rosa.id };
          const { results } = await push(app, rosa.cookie, [mutation]);
          const result = results[0];
          if (result?.status !== "rejected" || result.code !== expected) {
            problems.push(`${at}: ${JSON.stringify(result)}, expected ${expected}`);
          }
          const [after] = await database.db
            .select()
            .from(resources)
            .where(eq(resources.id, victimId));
          if (JSON.stringify(after?.resource) !== JSON.stringify(stored?.resource)) {
            problems.push(`${at}: Ana's ${stored?.resourceType} was rewritten`);
          }
          const audit = await database.db
            .select()
            .from(auditEvents)
            .where(and(eq(auditEvents.actorId, rosa.id), eq(auditEvents.action, "sync.mutation")));
          const row = audit.find((event) => event.details?.id === mutation.id);
          if (
            row?.outcome !== "denied" ||
            row.details?.target !== victimId ||
            row.patientId !== anaPatient
          ) {
            problems.push(`${at}: audited as ${JSON.stringify(row ?? null)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await anaRecord()).toEqual(before);
  }, 120_000);
});
