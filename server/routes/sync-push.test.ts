import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, patients, syncMutations, users } from "../db/schema.ts";
import { seedDemo } from "../db/seed.ts";
import { jsonHeaders, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { signedIn } from "../test/records.ts";
import { push, pushRequest, setLanguage } from "../test/sync.ts";

describe.each(testDatabaseKinds())("POST /api/sync/push on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let ana: { id: string; cookie: string };
  let kai: { id: string; cookie: string };

  const userId = async (username: string) =>
    (await database.db.select().from(users).where(eq(users.username, username)))[0]?.id as string;
  const localeOf = async (id: string) =>
    (await database.db.select().from(users).where(eq(users.id, id)))[0]?.locale;
  const ledger = (id: string) =>
    database.db.select().from(syncMutations).where(eq(syncMutations.userId, id));

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    app = makeTestApp(database.db).app;
    ana = { id: await userId("ana"), cookie: await signedIn(app, "ana") };
    kai = { id: await userId("kai"), cookie: await signedIn(app, "kai") };
  });
  beforeEach(async () => {
    await database.db.update(users).set({ locale: "en" });
  });
  afterAll(() => database.close());

  it("answers 401 without a session, 422 for an empty or oversized batch", async () => {
    expect((await pushRequest(app, "", [setLanguage(ana.id, "es")])).status).toBe(401);
    expect((await pushRequest(app, ana.cookie, [])).status).toBe(422);
    const many = Array.from({ length: 51 }, () => setLanguage(ana.id, "es"));
    expect((await pushRequest(app, ana.cookie, many)).status).toBe(422);
  });

  it("applies profile.setLanguage, which is what GET /api/me then answers", async () => {
    const m = setLanguage(ana.id, "vi");
    expect(await push(app, ana.cookie, [m])).toEqual({
      results: [{ id: m.id, status: "applied", result: { locale: "vi" } }],
    });
    const me = await app.request("/api/me", { headers: { cookie: ana.cookie } });
    expect(((await me.json()) as { locale: string }).locale).toBe("vi");
  });

  it("applies a replayed mutation once and answers it as the first time (docs/abuse-cases.md 11)", async () => {
    const first = setLanguage(ana.id, "es");
    const answer = await push(app, ana.cookie, [first]);
    await push(app, ana.cookie, [setLanguage(ana.id, "zh")]);
    // A retry after a timeout: were it applied again, the language would go back to Spanish.
    expect(await push(app, ana.cookie, [first])).toEqual(answer);
    expect(await localeOf(ana.id)).toBe("zh");
    const rows = (await ledger(ana.id)).filter((row) => row.mutationId === first.id);
    expect(rows).toHaveLength(1);
    const audited = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "sync.mutation"),
          sql`${auditEvents.details}->>'id' = ${first.id}`,
        ),
      );
    expect(audited).toHaveLength(1);
  });

  it("applies the same mutation sent twice at once only once", async () => {
    const m = setLanguage(ana.id, "ar");
    const answers = await Promise.all([push(app, ana.cookie, [m]), push(app, ana.cookie, [m])]);
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.results[0]?.status).toBe("applied");
    expect((await ledger(ana.id)).filter((row) => row.mutationId === m.id)).toHaveLength(1);
  });

  it("refuses the same id with different arguments, keeping the first (docs/abuse-cases.md 12)", async () => {
    const m = setLanguage(ana.id, "es");
    await push(app, ana.cookie, [m]);
    const forged = { ...m, args: { locale: "ar" } };
    expect(await push(app, ana.cookie, [forged])).toEqual({
      results: [{ id: m.id, status: "rejected", code: "SYNC-801" }],
    });
    expect(await localeOf(ana.id)).toBe("es");
    const [row] = (await ledger(ana.id)).filter((r) => r.mutationId === m.id);
    expect(row?.status).toBe("applied");
  });

  it("rejects with a catalog code, keeps the rejection, and goes on with the rest, in order", async () => {
    const bad = setLanguage(ana.id, "klingon");
    const unknown = {
      id: randomUUID(),
      name: "profile.setShoeSize",
      args: { size: 9 },
      author: ana.id,
    };
    const malformed = { id: "not-a-uuid", name: "profile.setLanguage", args: { locale: "es" } };
    const batch = [setLanguage(ana.id, "es"), bad, unknown, malformed, setLanguage(ana.id, "vi")];
    const { results } = await push(app, ana.cookie, batch);
    expect(results.map((r) => [r.id, r.status, r.status === "rejected" ? r.code : ""])).toEqual([
      [batch[0]?.id, "applied", ""],
      [bad.id, "rejected", "REQ-302"],
      [unknown.id, "rejected", "SYNC-803"],
      ["not-a-uuid", "rejected", "REQ-302"],
      [batch[4]?.id, "applied", ""],
    ]);
    expect(results[1]).toMatchObject({ fields: [{ field: "locale", problem: "invalid" }] });
    // Applied in the order sent: the last one wins.
    expect(await localeOf(ana.id)).toBe("vi");
    // A replay of a rejection is the same rejection.
    expect((await push(app, ana.cookie, [bad])).results[0]).toEqual(results[1]);
  });

  it("answers arguments nested 5,000 deep REQ-301 (400) before digesting them, never 500", async () => {
    const deep = `${"[".repeat(5000)}${"]".repeat(5000)}`;
    const m = setLanguage(ana.id, "es");
    const body = `{"protocol":1,"mutations":[{"id":"${m.id}","name":"profile.setLanguage","args":{"locale":"es","x":${deep}},"author":"${ana.id}"}]}`;
    const res = await app.request("/api/sync/push", {
      method: "POST",
      headers: jsonHeaders({ cookie: ana.cookie }),
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "REQ-301" } });
    expect((await ledger(ana.id)).some((row) => row.mutationId === m.id)).toBe(false);
    // Every JSON body goes through the same reader: a signed-out form and the pull too.
    for (const [path, cookie] of [
      ["/api/help-requests", ""],
      ["/api/sync/pull", ana.cookie],
    ] as const) {
      const other = await app.request(path, {
        method: "POST",
        headers: jsonHeaders({ cookie }),
        body: `{"protocol":1,"cursors":{},"name":${deep}}`,
      });
      expect(other.status).toBe(400);
      expect(await other.json()).toEqual({ error: { code: "REQ-301" } });
    }
  });

  it("refuses a mutation holding a NUL alone (REQ-307), goes on with the rest, and stores none of it", async () => {
    const first = setLanguage(ana.id, "es");
    const nulArgs = setLanguage(ana.id, "es\u0000");
    const nulName = { ...setLanguage(ana.id, "vi"), name: "profile.set\u0000Language" };
    const last = setLanguage(ana.id, "vi");
    const { results } = await push(app, ana.cookie, [first, nulArgs, nulName, last]);
    expect(results).toEqual([
      { id: first.id, status: "applied", result: { locale: "es" } },
      { id: nulArgs.id, status: "rejected", code: "REQ-307" },
      { id: nulName.id, status: "rejected", code: "REQ-307" },
      { id: last.id, status: "applied", result: { locale: "vi" } },
    ]);
    expect(await localeOf(ana.id)).toBe("vi");
    const ids = (await ledger(ana.id)).map((row) => row.mutationId);
    expect(ids).not.toContain(nulArgs.id);
    expect(ids).not.toContain(nulName.id);
    // Any other JSON body with a NUL is refused whole, before PostgreSQL could fail on it.
    const help = await app.request("/api/help-requests", {
      method: "POST",
      headers: jsonHeaders({}),
      body: JSON.stringify({
        name: "Ana",
        contact: "ana@example.org",
        message: "help\u0000",
        locale: "en",
      }),
    });
    expect(help.status).toBe(422);
    expect(await help.json()).toEqual({ error: { code: "REQ-307" } });
  });

  it("never applies a mutation from another person's outbox (docs/abuse-cases.md 13)", async () => {
    const [anasRecord] = await database.db
      .insert(patients)
      .values({ accountId: ana.id, name: "Ana Rivera" })
      .returning({ id: patients.id });
    const anas = setLanguage(ana.id, "ar");
    const { results } = await push(app, kai.cookie, [anas]);
    expect(results).toEqual([{ id: anas.id, status: "rejected", code: "SYNC-802" }]);
    expect(await localeOf(kai.id)).toBe("en");
    expect(await localeOf(ana.id)).toBe("en");
    expect(await ledger(kai.id)).toEqual([]);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, kai.id), eq(auditEvents.outcome, "denied")));
    expect(denied.map((e) => e.action)).toContain("sync.mutation");
    // Audited with whose outbox it was: Ana's record is what the mutation aimed at.
    const refusal = denied.find((e) => e.details?.id === anas.id);
    expect(refusal?.patientId).toBe(anasRecord?.id);
    expect(refusal?.details).toMatchObject({ code: "SYNC-802", target: ana.id });
    // Keyed by user and id: Kai's own mutation may reuse the id without touching Ana's.
    expect((await push(app, kai.cookie, [{ ...anas, author: kai.id }])).results[0]?.status).toBe(
      "applied",
    );
    expect(await localeOf(ana.id)).toBe("en");
  });

  it("records nothing when the write fails: the data and the ledger commit together", async () => {
    // The database refuses the write (a fault injected with a trigger), as a crash would.
    await database.db.execute(sql`
      create or replace function refuse_locale() returns trigger language plpgsql as $$
      begin raise exception 'refused'; end $$`);
    await database.db.execute(
      sql`create trigger refuse_locale before update of locale on users for each row execute function refuse_locale()`,
    );
    const m = setLanguage(ana.id, "zh");
    const failed = await pushRequest(app, ana.cookie, [m]);
    expect(failed.status).toBe(500);
    expect((await ledger(ana.id)).some((row) => row.mutationId === m.id)).toBe(false);
    await database.db.execute(sql`drop trigger refuse_locale on users`);
    // The device sends it again later: now it is applied, once.
    expect((await push(app, ana.cookie, [m])).results[0]?.status).toBe("applied");
    expect(await localeOf(ana.id)).toBe("zh");
  });

  const auditOf = (mutationId: string) =>
    database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "sync.mutation"),
          sql`${auditEvents.details}->>'id' = ${mutationId}`,
        ),
      );

  it("audits a refusal the handler makes with the id the device named (REQ-304)", async () => {
    const nowhere = randomUUID();
    const m = {
      id: randomUUID(),
      name: "message.markRead",
      args: { threadId: nowhere, messageIds: [randomUUID()] },
      author: ana.id,
    };
    expect((await push(app, ana.cookie, [m])).results[0]).toMatchObject({ code: "REQ-304" });
    const [row] = await auditOf(m.id);
    expect(row?.outcome).toBe("denied");
    expect(row?.details).toMatchObject({ code: "REQ-304", target: nowhere });
  });

  it("applies nothing it cannot audit: the audit row is written in the mutation's transaction", async () => {
    await database.db.execute(sql`
      create or replace function refuse_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'sync.mutation' then raise exception 'audit refused'; end if;
        return new;
      end $$`);
    await database.db.execute(
      sql`create trigger refuse_audit before insert on audit_events for each row execute function refuse_audit()`,
    );
    const m = setLanguage(ana.id, "ar");
    try {
      expect((await pushRequest(app, ana.cookie, [m])).status).toBe(500);
    } finally {
      await database.db.execute(sql`drop trigger refuse_audit on audit_events`);
    }
    expect(await localeOf(ana.id)).toBe("en");
    expect((await ledger(ana.id)).some((row) => row.mutationId === m.id)).toBe(false);
  });

  it("audits what was committed before a push failed, and the failure as a failure", async () => {
    await database.db.execute(sql`
      create or replace function refuse_zh() returns trigger language plpgsql as $$
      begin
        if new.locale = 'zh' then raise exception 'refused'; end if;
        return new;
      end $$`);
    await database.db.execute(
      sql`create trigger refuse_zh before update of locale on users for each row execute function refuse_zh()`,
    );
    const committed = setLanguage(ana.id, "es");
    const failing = setLanguage(ana.id, "zh");
    try {
      expect((await pushRequest(app, ana.cookie, [committed, failing])).status).toBe(500);
    } finally {
      await database.db.execute(sql`drop trigger refuse_zh on users`);
    }
    expect(await localeOf(ana.id)).toBe("es");
    expect((await auditOf(committed.id)).map((row) => row.outcome)).toEqual(["success"]);
    const [failed] = await auditOf(failing.id);
    expect(failed).toMatchObject({ outcome: "failure", details: { code: "SRV-501" } });
  });
});
