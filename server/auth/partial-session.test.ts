import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { makeClock, makeTestApp, sessionCookieFrom, testOrigin } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { enableAuthenticator, fullSession, signInRequest } from "../test/sign-in.ts";
import { partialSessionRoutes } from "./partial-session.ts";
import { hashPassword } from "./password.ts";

const password = "correct horse battery";

/**
 * docs/abuse-cases.md 23: a session that passed the password but not the second step gets 401 from
 * every API but the second step's own. The routes are read from the app itself, so a route
 * any helper adds later is tried here without anyone listing it.
 */
describe.each(testDatabaseKinds())("a partial session on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  let partial = "";
  let full = "";

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    await database.db.insert(users).values({
      username: "half-way",
      displayName: "Half Way",
      role: "patient",
      passwordHash: await hashPassword(password),
    });
    full = await fullSession(app, "half-way", password);
    await enableAuthenticator(app, full, clock.now);
    const res = await signInRequest(app, "half-way", password);
    partial = sessionCookieFrom(res) ?? "";
    expect(await res.json()).toHaveProperty("secondStep");
  });
  afterAll(() => database.close());

  /** Every API route of the app, as "METHOD /path" with its parameters filled in. */
  function apiRoutes(): { method: string; path: string }[] {
    const seen = new Set<string>();
    return app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*"))
      .map((r) => ({
        method: r.method,
        path: r.path.replace(/:[^/]+/g, "00000000-0000-4000-8000-000000000000"),
      }))
      .filter(
        ({ method, path }) => !seen.has(`${method} ${path}`) && seen.add(`${method} ${path}`),
      );
  }

  const call = (route: { method: string; path: string }, cookie: string) =>
    app.request(route.path, {
      method: route.method,
      headers: { cookie, origin: testOrigin, "content-type": "application/json" },
      body: route.method === "GET" || route.method === "HEAD" ? undefined : "{}",
    });

  it("finds the app's routes, including the ones that hold health data", () => {
    const names = apiRoutes().map((r) => `${r.method} ${r.path}`);
    expect(names.length).toBeGreaterThan(10);
    expect(names).toContain("GET /api/me");
    expect(names.some((n) => n.startsWith("GET /api/patients"))).toBe(true);
  });

  it("gets 401 AUTH-102 from every route but the second step's", async () => {
    const answered: string[] = [];
    for (const route of apiRoutes()) {
      const name = `${route.method} ${route.path}`;
      if (partialSessionRoutes.has(name)) continue;
      const res = await call(route, partial);
      const body = await res.json().catch(() => null);
      if (res.status !== 401 || body?.error?.code !== "AUTH-102")
        answered.push(`${name}: ${res.status}`);
    }
    expect(answered).toEqual([]);
  });

  it("reaches the second step's routes, which a full session cannot use for anything", async () => {
    const res = await app.request("/api/auth/second-step", { headers: { cookie: partial } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ methods: ["totp", "recovery-code"] });
  });

  it("is refused for being partial: the same person's full session reaches /api/me", async () => {
    expect((await app.request("/api/me", { headers: { cookie: full } })).status).toBe(200);
    expect((await app.request("/api/me", { headers: { cookie: partial } })).status).toBe(401);
  });
});
