import Dexie, { liveQuery } from "dexie";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditEvents, resources, syncMutations, users } from "../../server/db/schema.ts";
import { addObservations, tombstone } from "../../server/test/sync.ts";
import { browserCookies, type RealServer, startRealServer } from "../test/real-server.ts";
import { databaseNameFor } from "./device-user.ts";
import { addToOutbox } from "./outbox.ts";
import { createSyncEngine } from "./sync-engine.ts";
import { makePageLocks } from "./tab-lock.ts";
import { closeUserDatabase, UserDatabase, userDatabase } from "./user-database.ts";

let server: RealServer;
let ana: { id: string };

beforeAll(async () => {
  server = await startRealServer();
  // Enough rows for several pages of 5 or 10.
  await addObservations(server.db, server.anaPatient, 40);
}, 60_000);
afterAll(() => server.stop());

beforeEach(async () => {
  ana = await browserCookies(server).signIn("ana");
});
afterEach(async () => {
  server.disarm();
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Dexie.delete(databaseNameFor(ana.id));
});

function engineFor(db: UserDatabase, extra: Partial<Parameters<typeof createSyncEngine>[0]> = {}) {
  return createSyncEngine({
    userId: ana.id,
    db,
    request: { baseUrl: server.url },
    pageSize: 10,
    ...extra,
  });
}

/** What the server holds for ana's record: live resource id → version. */
async function serverRecord(): Promise<Map<string, number>> {
  const rows = await server.db
    .select({ id: resources.id, version: resources.version })
    .from(resources)
    .where(and(eq(resources.patientId, server.anaPatient), eq(resources.deleted, false)));
  return new Map(rows.map((r) => [r.id, r.version]));
}

async function deviceRecord(db: UserDatabase): Promise<Map<string, number>> {
  return new Map((await db.resources.toArray()).map((r) => [r.id, r.version]));
}

describe("the sync engine against a real server", () => {
  it("fetches the whole record in pages on the first sync, and remembers it", async () => {
    const db = userDatabase(ana.id);
    const pullsBefore = server.counts.pull;
    const run = await engineFor(db).sync();
    expect(run).toMatchObject({ ran: true, ok: true });
    const record = await serverRecord();
    expect(await deviceRecord(db)).toEqual(record);
    expect(server.counts.pull - pullsBefore).toBe(Math.floor(record.size / 10) + 1);
    expect(await db.patients.toArray()).toEqual([
      expect.objectContaining({ id: server.anaPatient, self: true }),
    ]);
    expect((await db.cursors.get(server.anaPatient))?.cursor).toMatch(/^\d+$/);
    const state = await db.syncState.get("sync");
    expect(state?.lastSyncedAt).toEqual(expect.any(String));
    expect(state?.lastError).toBeUndefined();
  });

  it("then fetches only what changed, in one request, tombstones included", async () => {
    const db = userDatabase(ana.id);
    const engine = engineFor(db);
    await engine.sync();
    const added = await addObservations(server.db, server.anaPatient, 4);
    const [gone] = [...(await deviceRecord(db)).keys()];
    await tombstone(server.db, server.anaPatient, gone as string);
    const pullsBefore = server.counts.pull;
    expect(await engine.sync()).toMatchObject({ ok: true, requests: 1 });
    expect(server.counts.pull - pullsBefore).toBe(1);
    const device = await deviceRecord(db);
    expect(device).toEqual(await serverRecord());
    for (const id of added) expect(device.has(id)).toBe(true);
    expect(device.has(gone as string)).toBe(false);
  });

  it("resumes from the last page written when the network drops mid-pull (ABUSE-CASES 15)", async () => {
    const db = userDatabase(ana.id);
    const engine = engineFor(db, { pageSize: 5 });
    const record = await serverRecord();
    const pages = Math.floor(record.size / 5) + 1;
    server.arm("drop-pull", 2);
    const pullsBefore = server.counts.pull;
    expect(await engine.sync()).toMatchObject({ ok: false, code: "NET-601" });
    expect(await db.resources.count()).toBe(10);
    expect((await db.syncState.get("sync"))?.lastError).toBe("NET-601");

    expect(await engine.sync()).toMatchObject({ ok: true });
    expect(await deviceRecord(db)).toEqual(record);
    // Two pages kept, one lost, then the rest: nothing fetched twice.
    expect(server.counts.pull - pullsBefore).toBe(pages + 1);
    expect((await db.syncState.get("sync"))?.lastError).toBeUndefined();
  });

  it("applies a write once when the server dies after applying it, before answering (ABUSE-CASES 15)", async () => {
    const db = userDatabase(ana.id);
    const engine = engineFor(db);
    await db.profile.put({
      id: ana.id,
      username: "ana",
      displayName: "Ana",
      role: "patient",
      locale: "en",
      savedAt: "",
    });
    const entry = await addToOutbox(db, ana.id, "profile.setLanguage", { locale: "vi" });
    expect((await db.profile.get(ana.id))?.locale).toBe("vi");
    server.arm("crash-after-push");
    expect(await engine.sync()).toMatchObject({ ok: false, code: "NET-601" });
    // Not lost: still waiting on the device; and already applied on the server.
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ id: entry.id, state: "pending" }),
    ]);
    const ledger = () =>
      server.db.select().from(syncMutations).where(eq(syncMutations.mutationId, entry.id));
    expect(await ledger()).toHaveLength(1);

    await server.restart();
    expect(await engine.sync()).toMatchObject({ ok: true });
    expect(await db.outbox.count()).toBe(0);
    // Not duplicated: one ledger row, one audit event, the language set.
    expect(await ledger()).toHaveLength(1);
    const audited = await server.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "sync.mutation"));
    expect(audited.filter((e) => (e.details as { id?: string }).id === entry.id)).toHaveLength(1);
    const [row] = await server.db.select().from(users).where(eq(users.id, ana.id));
    expect(row?.locale).toBe("vi");
  });

  it("keeps an applied write until the pull that brings its effect has landed (write checkpoint)", async () => {
    const db = userDatabase(ana.id);
    const engine = engineFor(db);
    await engine.sync();
    const entry = await addToOutbox(db, ana.id, "profile.setLanguage", { locale: "zh" });
    // The push is answered, then the network drops on the pull that follows it.
    server.arm("drop-pull");
    const pushesBefore = server.counts.push;
    expect(await engine.sync()).toMatchObject({ ok: false, code: "NET-601" });
    expect(server.counts.push - pushesBefore).toBe(1);
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ id: entry.id, state: "pending", applied: true }),
    ]);

    // Next time it is not sent again (nothing to push), and it leaves with the pull's last page.
    const pushesThen = server.counts.push;
    expect(await engine.sync()).toMatchObject({ ok: true });
    expect(server.counts.push).toBe(pushesThen);
    expect(await db.outbox.count()).toBe(0);
  });

  it("keeps a rejected write with its code, and sends the writes after it", async () => {
    const db = userDatabase(ana.id);
    const bad = await addToOutbox(db, ana.id, "profile.setLanguage", { locale: "xx" as "es" });
    const good = await addToOutbox(db, ana.id, "profile.setLanguage", { locale: "es" });
    expect(await engineFor(db).sync()).toMatchObject({ ok: true });
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ id: bad.id, state: "rejected", code: "REQ-302" }),
    ]);
    expect(await db.outbox.where("id").equals(good.id).count()).toBe(0);
  });

  it("never sends a write queued under another account (ABUSE-CASES 13)", async () => {
    const db = userDatabase(ana.id);
    const stranger = crypto.randomUUID();
    const theirs = await addToOutbox(db, stranger, "profile.setLanguage", { locale: "ar" });
    const pushesBefore = server.counts.push;
    await engineFor(db).sync();
    expect(server.counts.push).toBe(pushesBefore);
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ id: theirs.id, state: "pending" }),
    ]);
    const applied = await server.db
      .select()
      .from(syncMutations)
      .where(eq(syncMutations.mutationId, theirs.id));
    expect(applied).toEqual([]);
  });

  it("stops and says so when the server has ended the session", async () => {
    const db = userDatabase(ana.id);
    const ended = vi.fn();
    await fetch(`${server.url}/api/auth/sign-out`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(await engineFor(db, { onSessionEnded: ended }).sync()).toMatchObject({
      ok: false,
      code: "AUTH-102",
    });
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("syncs in one tab at a time; the other tab sees the record through Dexie", async () => {
    const locks = makePageLocks();
    const tabA = new UserDatabase(ana.id);
    const tabB = new UserDatabase(ana.id);
    const seenByB: number[] = [];
    const subscription = liveQuery(() => tabB.resources.count()).subscribe((n) => seenByB.push(n));
    const pullsBefore = server.counts.pull;
    const [a, b] = await Promise.all([
      engineFor(tabA, { locks }).sync("start"),
      engineFor(tabB, { locks }).sync("start"),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const record = await serverRecord();
    expect(server.counts.pull - pullsBefore).toBe(Math.floor(record.size / 10) + 1);
    await vi.waitFor(() => expect(seenByB.at(-1)).toBe(record.size));
    subscription.unsubscribe();
    tabA.close();
    tabB.close();
  });
});
