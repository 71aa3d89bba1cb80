import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, resources, users } from "../db/schema.ts";
import { seedDemo } from "../db/seed.ts";
import type { FhirBundle } from "../fhir/types.ts";
import { makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addPatientWithRecord, signedIn, testBundle } from "../test/records.ts";
import { bundleProblems } from "../test/round-trip.ts";

describe.each(testDatabaseKinds())("GET /api/record/export on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let anaPatient: string;
  let benPatient: string;
  const clock = makeClock(new Date("2026-03-14T23:30:00Z"));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    anaPatient = await addPatientWithRecord(database.db, "ana", testBundle("urn-uuid"));
    benPatient = await addPatientWithRecord(database.db, "ben", testBundle("contained"));
    app = makeTestApp(database.db, { now: clock.now }).app;
  });
  afterAll(() => database.close());

  const exportAs = (cookie?: string) =>
    app.request("/api/record/export", { headers: cookie ? { cookie } : {} });

  it("answers 401 without a session", async () => {
    const res = await exportAs();
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "AUTH-102" } });
  });

  it("downloads the whole record as a FHIR R4 collection Bundle named for the day", async () => {
    const res = await exportAs(await signedIn(app, "ana"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/fhir+json; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="hearth-record-2026-03-14.json"',
    );
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bundle = (await res.json()) as FhirBundle;
    expect(bundle).toMatchObject({
      resourceType: "Bundle",
      type: "collection",
      timestamp: "2026-03-14T23:30:00.000Z",
    });
    const stored = await database.db
      .select({ id: resources.id })
      .from(resources)
      .where(eq(resources.patientId, anaPatient));
    expect(bundle.entry?.map((e) => e.resource?.id).sort()).toEqual(stored.map((r) => r.id).sort());
    expect(bundle.entry?.[0]?.resource?.resourceType).toBe("Patient");
  });

  it("round-trips: the export holds the imported bundle's resources, unchanged but for ids", async () => {
    const res = await exportAs(await signedIn(app, "ana"));
    const bundle = (await res.json()) as FhirBundle;
    expect(await bundleProblems(database.db, testBundle("urn-uuid"), [bundle])).toEqual([]);
  });

  it("holds nothing of anyone else's record", async () => {
    const res = await exportAs(await signedIn(app, "ana"));
    const text = await res.text();
    const others = await database.db
      .select({ id: resources.id })
      .from(resources)
      .where(eq(resources.patientId, benPatient));
    expect(others.length).toBeGreaterThan(0);
    for (const { id } of others) expect(text).not.toContain(id);
    expect(text).not.toContain(benPatient);
    expect(text).not.toContain("Tanaka");
  });

  it("is audited: who, whose record, what, when", async () => {
    const [ana] = await database.db.select().from(users).where(eq(users.username, "ana"));
    await exportAs(await signedIn(app, "ana"));
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, ana?.id ?? ""), eq(auditEvents.action, "record.export")));
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ outcome: "success", patientId: anaPatient });
    expect(events.at(-1)?.at).toBeInstanceOf(Date);
    expect(events.at(-1)?.details).toMatchObject({ resources: 3 });
  });

  it("answers REC-401 to an account with no record", async () => {
    const res = await exportAs(await signedIn(app, "dr.lee"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "REC-401" } });
  });
});
