import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PatientSummary, VisiblePatient } from "../../shared/contracts/record.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, resources, users } from "../db/schema.ts";
import { seedDemo } from "../db/seed.ts";
import { makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addPatientWithRecord, signedIn, testBundle } from "../test/records.ts";

/**
 * Access (docs/abuse-cases.md 1 and 5; ASVS 8.2.2): a session asks for every patient-scoped route
 * with another patient's ids and gets 404, the same as for ids that do not exist, and each attempt
 * is in the audit log.
 */
describe.each(testDatabaseKinds())("patient-scoped routes on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let ana: { patient: string; resource: string; user: string };
  let ben: { patient: string; resource: string };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    const anaPatient = await addPatientWithRecord(database.db, "ana", testBundle("urn-uuid"));
    const benPatient = await addPatientWithRecord(database.db, "ben", testBundle("contained"));
    const firstResource = async (patientId: string) => {
      const [row] = await database.db
        .select({ id: resources.id })
        .from(resources)
        .where(and(eq(resources.patientId, patientId), eq(resources.resourceType, "Observation")));
      const [any] = await database.db
        .select({ id: resources.id })
        .from(resources)
        .where(eq(resources.patientId, patientId));
      return (row ?? any)?.id as string;
    };
    const [anaUser] = await database.db.select().from(users).where(eq(users.username, "ana"));
    ana = {
      patient: anaPatient,
      resource: await firstResource(anaPatient),
      user: anaUser?.id as string,
    };
    ben = { patient: benPatient, resource: await firstResource(benPatient) };
    app = makeTestApp(database.db).app;
  });
  afterAll(() => database.close());

  /** Every patient-scoped route, filled in with the ids to try. */
  const patientScoped = (patientId: string, resourceId: string) => [
    `/api/patients/${patientId}`,
    `/api/patients/${patientId}/resources/${resourceId}`,
    `/api/patients/${patientId}/export`,
  ];

  it("the list above covers every patient-scoped route the app has", () => {
    const scoped = app.routes
      .filter((route) => route.path.includes(":patientId") && route.method !== "ALL")
      .map((route) => route.path.replace(":patientId", "P").replace(":resourceId", "R"));
    expect([...new Set(scoped)].sort()).toEqual(patientScoped("P", "R").sort());
  });

  it("lets a patient read their own record, and audits each read", async () => {
    const cookie = await signedIn(app, "ana");
    for (const path of patientScoped(ana.patient, ana.resource)) {
      const res = await app.request(path, { headers: { cookie } });
      expect(res.status, path).toBe(200);
    }
    const summary = (await (
      await app.request(`/api/patients/${ana.patient}`, { headers: { cookie } })
    ).json()) as PatientSummary;
    expect(summary).toMatchObject({
      id: ana.patient,
      name: "Ada Okoro",
      self: true,
      counts: { Patient: 1, Encounter: 1, Observation: 1 },
    });
    expect(summary.version).toBeGreaterThan(0);
    const one = await app.request(`/api/patients/${ana.patient}/resources/${ana.resource}`, {
      headers: { cookie },
    });
    expect(one.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(await one.json()).toMatchObject({ resourceType: "Observation", id: ana.resource });

    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, ana.user), eq(auditEvents.patientId, ana.patient)));
    const read = events.filter((e) => e.outcome === "success").map((e) => e.action);
    expect(read).toEqual(expect.arrayContaining(["record.read", "record.export"]));
    expect(events.find((e) => e.details?.resourceId === ana.resource)?.details).toEqual({
      resourceType: "Observation",
      resourceId: ana.resource,
    });
  });

  it("lists only the patients the user may see", async () => {
    const res = await app.request("/api/patients", {
      headers: { cookie: await signedIn(app, "ana") },
    });
    const list = (await res.json()) as VisiblePatient[];
    expect(list).toEqual([
      { id: ana.patient, name: "Ada Okoro", birthDate: "1985-07-21", self: true },
    ]);
  });

  it("answers 404 to every route tried with another patient's ids, and audits the attempt", async () => {
    const cookie = await signedIn(app, "ana");
    const attempts = [
      ...patientScoped(ben.patient, ben.resource),
      // Her own patient id with his resource id: still not hers.
      `/api/patients/${ana.patient}/resources/${ben.resource}`,
    ];
    for (const path of attempts) {
      const res = await app.request(path, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "REQ-304" } });
    }
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, ana.user), eq(auditEvents.outcome, "denied")));
    expect(denied.filter((e) => e.patientId === ben.patient)).toHaveLength(3);
    expect(denied.find((e) => e.patientId === ana.patient)?.details).toEqual({
      resourceId: ben.resource,
    });
  });

  it("answers ids that do not exist exactly as it answers someone else's", async () => {
    const cookie = await signedIn(app, "ana");
    for (const path of [
      ...patientScoped("00000000-0000-4000-8000-000000000000", ben.resource),
      "/api/patients/not-a-uuid/export",
      "/api/patients/'%20or%201=1--/export",
    ]) {
      const res = await app.request(path, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "REQ-304" } });
    }
    const [malformed] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, ana.user), eq(auditEvents.outcome, "denied")))
      .then((rows) => rows.filter((e) => e.details?.requested === "not-a-uuid"));
    expect(malformed?.patientId).toBeNull();
  });

  it("keeps support staff (sam) out of every patient route: 403 AUTH-103, audited", async () => {
    // Support staff are held to their console's APIs (server/authorization.ts).
    const cookie = await signedIn(app, "sam");
    for (const path of ["/api/patients", ...patientScoped(ana.patient, ana.resource)]) {
      const res = await app.request(path, { headers: { cookie } });
      expect(res.status, path).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "AUTH-103" } });
    }
    const [sam] = await database.db.select().from(users).where(eq(users.username, "sam"));
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorId, sam?.id ?? ""),
          eq(auditEvents.action, "support.clinical-route"),
        ),
      );
    expect(denied.length).toBe(patientScoped(ana.patient, ana.resource).length + 1);
  });

  it.each(["dr.lee"])(
    "shows staff (%s) no record through the portal's API, audited",
    async (username) => {
      const cookie = await signedIn(app, username);
      const list = await app.request("/api/patients", { headers: { cookie } });
      expect(await list.json()).toEqual([]);
      for (const path of patientScoped(ana.patient, ana.resource)) {
        expect((await app.request(path, { headers: { cookie } })).status, path).toBe(404);
      }
      const [staff] = await database.db.select().from(users).where(eq(users.username, username));
      const denied = await database.db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.actorId, staff?.id ?? ""), eq(auditEvents.patientId, ana.patient)),
        );
      expect(denied.map((e) => e.outcome)).toEqual(["denied", "denied", "denied"]);
    },
  );

  it("answers 401 to every route without a session", async () => {
    for (const path of ["/api/patients", ...patientScoped(ana.patient, ana.resource)]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(401);
    }
  });
});
