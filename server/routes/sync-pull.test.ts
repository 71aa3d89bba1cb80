import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PulledRow } from "../../shared/contracts/sync.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, patients, resources } from "../db/schema.ts";
import { seedDemo } from "../db/seed.ts";
import { purgeTombstones } from "../sync/compaction.ts";
import { jsonHeaders, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addPatientWithRecord, signedIn, testBundle } from "../test/records.ts";
import { addObservations, pull, pullAll, tombstone } from "../test/sync.ts";

describe.each(testDatabaseKinds())("POST /api/sync/pull on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let ana: string;
  let ben: string;
  let anaCookie: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    ana = await addPatientWithRecord(database.db, "ana", testBundle("urn-uuid"));
    ben = await addPatientWithRecord(database.db, "ben", testBundle("contained"));
    app = makeTestApp(database.db).app;
    anaCookie = await signedIn(app, "ana");
  });
  afterAll(() => database.close());

  /** What the server holds for a patient, live rows only: id → version. */
  async function liveRows(patientId: string): Promise<Map<string, number>> {
    const rows = await database.db
      .select({ id: resources.id, version: resources.version })
      .from(resources)
      .where(and(eq(resources.patientId, patientId), eq(resources.deleted, false)));
    return new Map(rows.map((r) => [r.id, r.version]));
  }

  /** Applies pulled rows to a device's copy, as the client does. */
  function apply(copy: Map<string, number>, rows: PulledRow[]) {
    for (const row of rows) {
      if (row.deleted) copy.delete(row.id);
      else copy.set(row.id, row.version);
    }
  }

  it("answers 401 without a session and 422 for a body that is not the contract", async () => {
    const anonymous = await app.request("/api/sync/pull", {
      method: "POST",
      headers: jsonHeaders(),
      body: JSON.stringify({ protocol: 1, cursors: {} }),
    });
    expect(anonymous.status).toBe(401);
    const wrong = await app.request("/api/sync/pull", {
      method: "POST",
      headers: jsonHeaders({ cookie: anaCookie }),
      body: JSON.stringify({ protocol: 1, cursors: {}, patientId: ben }),
    });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe("REQ-302");
  });

  it("sends the whole record in bounded pages, a page ending inside a version included", async () => {
    // 25 rows in one version: pages of 10 must cut through it.
    await addObservations(database.db, ana, 25);
    const { pages } = await pullAll(app, anaCookie, {}, 10);
    for (const page of pages) expect(page.rows.length).toBeLessThanOrEqual(10);
    const ids = pages.flatMap((page) => page.rows.map((row) => row.id));
    expect(new Set(ids).size).toBe(ids.length);
    const device = new Map<string, number>();
    for (const page of pages) apply(device, page.rows);
    expect(device).toEqual(await liveRows(ana));
    expect(pages.length).toBe(Math.ceil(device.size / 10) + (device.size % 10 === 0 ? 1 : 0));
    expect(pages.at(-1)?.more).toBe(false);
  });

  it("lists only the patients the user may see", async () => {
    const page = await pull(app, anaCookie);
    expect(page.patients.map((p) => p.id)).toEqual([ana]);
    expect(page.patients[0]).toMatchObject({ self: true, name: expect.any(String) });
    for (const row of page.rows) expect(row.patientId).toBe(ana);
  });

  it("refuses a cursor for another patient's id (SYNC-805) and audits it naming that patient", async () => {
    // Ana's device, as an attacker would drive it: her own cursor, and one for Ben's record.
    const { cursors } = await pullAll(app, anaCookie);
    const res = await app.request("/api/sync/pull", {
      method: "POST",
      headers: jsonHeaders({ cookie: anaCookie }),
      body: JSON.stringify({ protocol: 1, cursors: { ...cursors, [ben]: "0" } }),
    });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body).toEqual({
      error: { code: "SYNC-805", fields: [{ field: `cursors.${ben}`, problem: "invalid" }] },
    });
    // Nothing of Ben's record is in the answer: only the id Ana's device sent.
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "record.sync"), eq(auditEvents.outcome, "denied")));
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ patientId: ben, details: { code: "SYNC-805" } });
    // Upper case is the same id, and a made-up one is refused alike.
    const made = "0b0e6f0a-9a7e-4d0c-8b1a-2f3c4d5e6f70";
    const again = await app.request("/api/sync/pull", {
      method: "POST",
      headers: jsonHeaders({ cookie: anaCookie }),
      body: JSON.stringify({ protocol: 1, cursors: { [ben.toUpperCase()]: "0", [made]: "0" } }),
    });
    expect(again.status).toBe(403);
    // Her own cursors alone still pull.
    expect((await pull(app, anaCookie, cursors)).patients.map((p) => p.id)).toEqual([ana]);
  });

  it("keeps a cursor per patient: each user's device follows its own record", async () => {
    const benCookie = await signedIn(app, "ben");
    const forAna = await pullAll(app, anaCookie);
    const forBen = await pullAll(app, benCookie);
    expect(Object.keys(forAna.cursors)).toEqual([ana]);
    expect(Object.keys(forBen.cursors)).toEqual([ben]);
    await addObservations(database.db, ben, 2);
    // Ben's new rows move Ben's stream only.
    expect((await pull(app, anaCookie, forAna.cursors)).rows).toEqual([]);
    expect((await pull(app, benCookie, forBen.cursors)).rows).toHaveLength(2);
  });

  it("incrementally sends only what changed: upserts and tombstones above the cursor", async () => {
    const { cursors } = await pullAll(app, anaCookie);
    const nothing = await pull(app, anaCookie, cursors);
    expect(nothing).toMatchObject({ rows: [], more: false });
    expect(nothing.patients[0]?.cursor).toBe(cursors[ana]);

    const [gone] = [...(await liveRows(ana)).keys()];
    const added = await addObservations(database.db, ana, 3);
    await tombstone(database.db, ana, gone as string);
    const next = await pull(app, anaCookie, cursors);
    expect(
      next.rows
        .filter((r) => !r.deleted)
        .map((r) => r.id)
        .sort(),
    ).toEqual(added.sort());
    expect(next.rows.filter((r) => r.deleted)).toEqual([
      {
        patientId: ana,
        id: gone,
        type: expect.any(String),
        version: expect.any(Number),
        deleted: true,
      },
    ]);
    expect(next.patients[0]?.reset).toBe(false);
  });

  it("sends no tombstones to a device that starts from nothing", async () => {
    const { pages } = await pullAll(app, anaCookie);
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.some((r) => r.deleted)).toBe(false);
    const stored = await database.db
      .select({ id: resources.id })
      .from(resources)
      .where(and(eq(resources.patientId, ana), eq(resources.deleted, true)));
    expect(stored.length).toBeGreaterThan(0);
  });

  it("resets a cursor that cannot be answered incrementally: malformed, ahead, or below the floor", async () => {
    const [row] = await database.db.select().from(patients).where(eq(patients.id, ana));
    const version = row?.version as number;
    for (const cursor of ["banana", `${version + 5}`, "-1"]) {
      const page = await pull(app, anaCookie, { [ana]: cursor });
      expect(page.patients[0]?.reset, cursor).toBe(true);
      expect(page.rows.some((r) => r.deleted)).toBe(false);
    }

    const { cursors: old } = await pullAll(app, anaCookie);
    const [victim] = await addObservations(database.db, ana, 1);
    await tombstone(database.db, ana, victim as string);
    const { cursors: recent } = await pullAll(app, anaCookie, old);
    expect(await purgeTombstones(database.db, ana, Number(recent[ana]))).toBeGreaterThan(0);
    // The old device never saw that deletion, and the tombstone is gone: start again.
    const stale = await pull(app, anaCookie, old);
    expect(stale.patients[0]?.reset).toBe(true);
    const device = new Map<string, number>();
    const { pages } = await pullAll(app, anaCookie, old);
    for (const page of pages) apply(device, page.rows);
    expect(device).toEqual(await liveRows(ana));
    // A device that had caught up is still answered incrementally.
    expect((await pull(app, anaCookie, recent)).patients[0]?.reset).toBe(false);
  });

  it("audits a pull that sent rows, not an empty one", async () => {
    const { cursors } = await pullAll(app, anaCookie);
    const count = async () =>
      (
        await database.db
          .select()
          .from(auditEvents)
          .where(and(eq(auditEvents.action, "record.sync"), eq(auditEvents.patientId, ana)))
      ).length;
    const before = await count();
    await pull(app, anaCookie, cursors);
    expect(await count()).toBe(before);
    await addObservations(database.db, ana, 1);
    await pull(app, anaCookie, cursors);
    expect(await count()).toBe(before + 1);
  });

  it("misses no row when writes to the same patient commit while a device pulls", async () => {
    const writers = 30;
    let done = false;
    const device = new Map<string, number>();
    let cursors: Record<string, string> = {};
    let pulls = 0;
    // The device pulls small pages over and over while the writes land.
    const puller = (async () => {
      while (!done) {
        const page = await pull(app, anaCookie, cursors, 3);
        apply(device, page.rows);
        cursors = Object.fromEntries(page.patients.map((p) => [p.id, p.cursor]));
        pulls++;
        // PGlite answers without ever leaving the microtask queue: let the writers' timers run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const live = [...(await liveRows(ana)).keys()];
    await Promise.all(
      Array.from({ length: writers }, async (_, i) => {
        // Spread the writes out so pulls land between them (on PGlite, too).
        await new Promise((resolve) => setTimeout(resolve, i * 3));
        await addObservations(database.db, ana, 2);
        if (i % 3 === 0) await tombstone(database.db, ana, live[i] as string);
      }),
    );
    done = true;
    await puller;
    const { pages } = await pullAll(app, anaCookie, cursors, 3);
    for (const page of pages) apply(device, page.rows);
    expect(pulls).toBeGreaterThan(1);
    expect(device).toEqual(await liveRows(ana));
  });
});
