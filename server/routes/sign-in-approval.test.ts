import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApprovalRequest } from "../../shared/contracts/approval.ts";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, users } from "../db/schema.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { enableAuthenticator, fullSession, post, signInRequest } from "../test/sign-in.ts";

const password = "correct horse battery";
const phone =
  "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36";

describe.each(testDatabaseKinds())("sign-in approval from another device on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  /** Each account's full session, the "device A" that answers. */
  const devices = new Map<string, string>();
  const names = ["approve", "wrong", "deny", "late", "owner", "stranger", "alone", "order"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    const passwordHash = await hashPassword(password);
    await database.db.insert(users).values(
      names.map((username) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
      })),
    );
    for (const name of names) {
      const cookie = await fullSession(app, name, password);
      await enableAuthenticator(app, cookie, clock.now);
      devices.set(name, cookie);
    }
    clock.advance(30_000);
  });
  afterAll(() => database.close());

  const device = (name: string) => devices.get(name) ?? "";
  /** Device B: the right password, so a partial session. */
  async function partialFor(name: string): Promise<string> {
    const res = await signInRequest(app, name, password, { "user-agent": phone });
    expect(res.status).toBe(200);
    return sessionCookieFrom(res) ?? "";
  }
  const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });
  const poll = (cookie: string) => get("/api/auth/second-step/approval", cookie);
  const ask = (cookie: string) =>
    post(app, "/api/auth/second-step/approval", {}, { cookie, "user-agent": phone });
  async function listed(cookie: string): Promise<ApprovalRequest[]> {
    const res = await get("/api/account/approvals", cookie);
    expect(res.status).toBe(200);
    return ((await res.json()) as { requests: ApprovalRequest[] }).requests;
  }
  const answer = (cookie: string, id: string, body: object) =>
    post(app, `/api/account/approvals/${id}`, body, { cookie });
  /** B asks; A sees the one request. Answers B's number and A's view of the request. */
  async function askAndSee(name: string, partial: string) {
    const asked = await ask(partial);
    expect(asked.status).toBe(201);
    const { number } = (await asked.json()) as { number: number };
    const [request, ...more] = await listed(device(name));
    expect(more).toEqual([]);
    if (!request) throw new Error("no request listed");
    return { number, request };
  }
  const audited = async (name: string, action: string) => {
    const [user] = await database.db.select().from(users).where(eq(users.username, name));
    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, user?.id ?? ""), eq(auditEvents.action, action)));
    return rows.map((row) => ({ outcome: row.outcome, details: row.details }));
  };

  it("approves with the matching number: a new token, and nothing before it", async () => {
    const partial = await partialFor("approve");
    expect(await (await poll(partial)).json()).toEqual({ state: "none", available: true });
    const { number, request } = await askAndSee("approve", partial);
    expect(number).toBeGreaterThanOrEqual(10);
    expect(number).toBeLessThanOrEqual(99);
    expect(request.choices).toHaveLength(3);
    expect(request.choices).toContain(number);
    expect(new Set(request.choices).size).toBe(3);
    expect(request).toMatchObject({ browser: "Chrome", system: "Android" });
    // Waiting: the partial session still opens nothing but the second step
    // (docs/abuse-cases.md 23).
    expect((await get("/api/me", partial)).status).toBe(401);
    expect((await get("/api/account/approvals", partial)).status).toBe(401);
    expect((await answer(partial, request.id, { decision: "approve", number })).status).toBe(401);
    const pending = await poll(partial);
    expect(await pending.json()).toMatchObject({ state: "pending", number });

    const approved = await answer(device("approve"), request.id, { decision: "approve", number });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toEqual({ state: "approved" });

    const done = await poll(partial);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { me: { username: string } }).me.username).toBe("approve");
    const full = sessionCookieFrom(done) ?? "";
    expect(full).not.toBe("");
    expect(full).not.toEqual(partial);
    expect((await get("/api/me", full)).status).toBe(200);
    // The partial token is dead, and the answered request is gone from the list.
    expect((await poll(partial)).status).toBe(401);
    expect(await listed(device("approve"))).toEqual([]);
    expect(await audited("approve", "auth.approval.requested")).toHaveLength(1);
    expect(await audited("approve", "auth.approval.answer")).toEqual([
      { outcome: "success", details: { request: request.id, reason: "approved" } },
    ]);
    const signIns = await audited("approve", "auth.sign-in");
    expect(
      signIns.some((e) => (e.details as { method?: string }).method === "device-approval"),
    ).toBe(true);
  });

  it("denies on a wrong number, and tells the new device", async () => {
    const partial = await partialFor("wrong");
    const { number, request } = await askAndSee("wrong", partial);
    const wrong = request.choices.find((choice) => choice !== number);
    const res = await answer(device("wrong"), request.id, { decision: "approve", number: wrong });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "AUTH-173" } });
    const told = await poll(partial);
    expect(told.status).toBe(401);
    expect(await told.json()).toEqual({ error: { code: "AUTH-171" } });
    // Denied for good: the right number afterwards does not turn it round.
    const late = await answer(device("wrong"), request.id, { decision: "approve", number });
    expect(late.status).toBe(410);
    expect((await get("/api/me", partial)).status).toBe(401);
    expect(await audited("wrong", "auth.approval.answer")).toContainEqual({
      outcome: "failure",
      details: { request: request.id, reason: "wrong-number" },
    });
  });

  it("denies when the signed-in device says Deny", async () => {
    const partial = await partialFor("deny");
    const { request } = await askAndSee("deny", partial);
    const res = await answer(device("deny"), request.id, { decision: "deny" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ state: "denied" });
    expect(await (await poll(partial)).json()).toEqual({ error: { code: "AUTH-171" } });
    expect(await listed(device("deny"))).toEqual([]);
  });

  it("cannot approve an expired request", async () => {
    const partial = await partialFor("late");
    const { number, request } = await askAndSee("late", partial);
    clock.advance(2 * 60_000 + 1);
    expect(await listed(device("late"))).toEqual([]);
    const res = await answer(device("late"), request.id, { decision: "approve", number });
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ error: { code: "AUTH-172" } });
    expect(await (await poll(partial)).json()).toEqual({ error: { code: "AUTH-172" } });
    // Asking again starts a fresh request that can be approved.
    const again = await askAndSee("late", partial);
    const ok = await answer(device("late"), again.request.id, {
      decision: "approve",
      number: again.number,
    });
    expect(ok.status).toBe(200);
    expect((await poll(partial)).status).toBe(200);
  });

  it("another person cannot see or answer the request: 404, audited", async () => {
    const partial = await partialFor("owner");
    const { number, request } = await askAndSee("owner", partial);
    expect(await listed(device("stranger"))).toEqual([]);
    for (const decision of ["approve", "deny"] as const) {
      const res = await answer(device("stranger"), request.id, { decision, number });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "REQ-304" } });
    }
    // Not even a well-formed id that does not exist tells anything different.
    const none = await answer(device("stranger"), "00000000-0000-4000-8000-000000000000", {
      decision: "deny",
    });
    expect(none.status).toBe(404);
    expect(await audited("stranger", "auth.approval.answer")).toContainEqual({
      outcome: "denied",
      details: { request: request.id, reason: "not-found" },
    });
    // Untouched: the owner can still approve it.
    expect(await (await poll(partial)).json()).toMatchObject({ state: "pending" });
    const ok = await answer(device("owner"), request.id, { decision: "approve", number });
    expect(ok.status).toBe(200);
  });

  it("is not offered, nor created, without another full session", async () => {
    const out = await post(app, "/api/auth/sign-out", {}, { cookie: device("alone") });
    expect(out.status).toBeLessThan(300);
    const partial = await partialFor("alone");
    expect(await (await poll(partial)).json()).toEqual({ state: "none", available: false });
    const res = await ask(partial);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "AUTH-170" } });
  });

  it("needs a signed-in session to list or answer, and a number to approve", async () => {
    expect((await get("/api/account/approvals", "")).status).toBe(401);
    const partial = await partialFor("order");
    const { request } = await askAndSee("order", partial);
    const noNumber = await answer(device("order"), request.id, { decision: "approve" });
    expect(noNumber.status).toBe(409);
    expect(await (await poll(partial)).json()).toEqual({ error: { code: "AUTH-171" } });
  });
});
