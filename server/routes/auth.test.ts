import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, sessions, users } from "../db/schema.ts";
import { demoPassword, seedDemo } from "../db/seed.ts";
import { jsonHeaders, makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";

describe.each(testDatabaseKinds())("auth on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    app = makeTestApp(database.db, { now: clock.now }).app;
  });
  afterAll(() => database.close());

  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    app.request("/api/auth/sign-in", {
      method: "POST",
      headers: jsonHeaders(headers),
      body: JSON.stringify({ username, password }),
    });
  const me = (cookie: string | undefined) =>
    app.request("/api/me", { headers: cookie ? { cookie } : {} });

  it("signs in with the right password and answers who is signed in", async () => {
    const res = await signIn("ana", demoPassword);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.me).toMatchObject({ username: "ana", displayName: "Ana Rivera", role: "patient" });
    expect(body.me).not.toHaveProperty("passwordHash");

    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = sessionCookieFrom(res);
    const token = cookie?.split("=")[1] ?? "";
    // At least 128 bits of randomness: 20 bytes in base32 is 32 characters.
    expect(token.length).toBeGreaterThanOrEqual(26);

    const who = await me(cookie);
    expect(who.status).toBe(200);
    expect((await who.json()).username).toBe("ana");
  });

  it("stores only the SHA-256 of the token, never the token", async () => {
    const cookie = sessionCookieFrom(await signIn("ana", demoPassword));
    const token = cookie?.split("=")[1] ?? "";
    const rows = await database.db.select().from(sessions);
    expect(rows.some((row) => row.id === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.id))).toBe(true);
  });

  it("is case-insensitive about the username", async () => {
    expect((await signIn("  ANA ", demoPassword)).status).toBe(200);
  });

  it("answers a wrong password and an unknown username identically", async () => {
    const wrong = await signIn("ana", "not-the-password");
    const unknown = await signIn("nobody-here", "not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.json(), await unknown.json()];
    expect(a).toEqual({ error: { code: "AUTH-101" } });
    expect(b).toEqual(a);
    expect(sessionCookieFrom(wrong)).toBeUndefined();
    expect(sessionCookieFrom(unknown)).toBeUndefined();
  });

  it("audits success and failure without the password", async () => {
    await signIn("ana", "secret-attempt-xyz");
    const [ana] = await database.db.select().from(users).where(eq(users.username, "ana"));
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorId, ana?.id ?? ""))
      .orderBy(desc(auditEvents.at));
    expect(events.some((e) => e.action === "auth.sign-in" && e.outcome === "failure")).toBe(true);
    expect(events.some((e) => e.action === "auth.sign-in" && e.outcome === "success")).toBe(true);
    const everything = JSON.stringify(await database.db.select().from(auditEvents));
    expect(everything).not.toContain("secret-attempt-xyz");
    expect(everything).not.toContain(demoPassword);
  });

  it("kills a cookie planted before sign-in (session fixation)", async () => {
    const planted = sessionCookieFrom(await signIn("ana", demoPassword));
    expect((await me(planted)).status).toBe(200);
    // The victim signs in carrying the attacker's cookie.
    const fresh = await signIn("ana", demoPassword, { cookie: planted ?? "" });
    const renewed = sessionCookieFrom(fresh);
    expect(renewed).toBeDefined();
    expect(renewed).not.toEqual(planted);
    expect((await me(planted)).status).toBe(401);
    expect((await me(renewed)).status).toBe(200);
  });

  it("ends a session after the idle timeout, enforced on the server", async () => {
    const cookie = sessionCookieFrom(await signIn("ana", demoPassword));
    clock.advance(29 * 60_000);
    expect((await me(cookie)).status).toBe(200); // activity slides the idle window
    clock.advance(29 * 60_000);
    expect((await me(cookie)).status).toBe(200);
    clock.advance(30 * 60_000);
    const res = await me(cookie);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "AUTH-102" } });
  });

  it("ends a session at its absolute lifetime, however active", async () => {
    const cookie = sessionCookieFrom(await signIn("ana", demoPassword));
    for (let hour = 0; hour < 12 * 3; hour++) {
      clock.advance(20 * 60_000);
      const status = (await me(cookie)).status;
      if (hour < 12 * 3 - 1) expect(status).toBe(200);
      else expect(status).toBe(401);
    }
  });

  it("signs out: the session row is gone and the cookie no longer works", async () => {
    const cookie = sessionCookieFrom(await signIn("ana", demoPassword));
    const before = await database.db.select().from(sessions);
    const out = await app.request("/api/auth/sign-out", {
      method: "POST",
      headers: jsonHeaders({ cookie: cookie ?? "" }),
      body: "{}",
    });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/hearth_session=;/);
    const after = await database.db.select().from(sessions);
    expect(after.length).toBe(before.length - 1);
    expect((await me(cookie)).status).toBe(401);
  });

  it("validates the body with the shared contract", async () => {
    const res = await app.request("/api/auth/sign-in", {
      method: "POST",
      headers: jsonHeaders(),
      body: JSON.stringify({ username: "", password: 5 }),
    });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("REQ-302");
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { field: "username", problem: "required" },
        { field: "password", problem: "invalid" },
      ]),
    );
  });

  it("refuses unknown fields such as a role (mass assignment)", async () => {
    const res = await app.request("/api/auth/sign-in", {
      method: "POST",
      headers: jsonHeaders(),
      body: JSON.stringify({ username: "ana", password: demoPassword, role: "admin" }),
    });
    expect(res.status).toBe(422);
  });
});
