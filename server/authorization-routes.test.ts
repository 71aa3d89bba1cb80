import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "./auth/session.ts";
import type { OpenDatabase } from "./db/open.ts";
import { auditEvents, users } from "./db/schema.ts";
import { demoPassword, seedDemo } from "./db/seed.ts";
import { makeTestApp, testOrigin } from "./test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "./test/database.ts";
import { fullSession } from "./test/sign-in.ts";

type App = ReturnType<typeof makeTestApp>["app"];
/** `key` is how the app registered it ("GET /api/inbox/threads/:id"); `path` has values in. */
type Route = { method: string; path: string; key: string };

/** A plausible value for every path parameter: the guards run before any id is looked up. */
const someId = "0b9b7f5e-3c1a-4c2e-9d3f-6a1e2b4c8d70";

/**
 * The only API routes anyone may call signed out, and why. Every other route of the app must
 * answer 401 to a request without a session: one added later is held to that unless it is
 * listed here, on purpose.
 */
const publicRoutes = new Set([
  // Signing in and out: there is no session yet, or the cookie names one that is over.
  "POST /api/auth/sign-in",
  "POST /api/auth/sign-out",
  "POST /api/auth/passkey/options",
  "POST /api/auth/passkey/verify",
  // Signed-out account recovery (issue 8): activation, forgotten password and username.
  "POST /api/access/activation/check",
  "POST /api/access/activation/finish",
  "POST /api/access/password-reset/start",
  "POST /api/access/password-reset/finish",
  "POST /api/access/username-reminder",
  // For load balancers and the "Check my device" page.
  "GET /api/health",
  // Help works signed out (issue 9): a report and a request for help, limited per address.
  "POST /api/diagnostics",
  "POST /api/help-requests",
  // A device whose session is gone must still learn that it was revoked (issue 13).
  "POST /api/device-keys/open",
  // Development and browser tests only; server/config.ts refuses it in production.
  "GET /api/dev/outbox",
]);

/**
 * The role each staff-only route is for; null for routes any signed-in person may call (their
 * own account, record, sync, appointments and messages, each checked by its own rule).
 */
function staffRoleOf(route: Route): User["role"] | null {
  const path = route.key.slice(route.method.length + 1);
  if (path.startsWith("/api/support/")) return "support";
  if (route.key === "GET /api/diagnostics/:code") return "support";
  if (path.startsWith("/api/appointments/clinician")) return "clinician";
  if (path.startsWith("/api/inbox/")) return "clinician";
  return null;
}

/** Every API route the app registers, once, with its path parameters filled in. */
function apiRoutes(app: App): Route[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*"))
    .map((r) => ({
      method: r.method,
      key: `${r.method} ${r.path}`,
      path: r.path.replace(/:kind\{[^}]*\}/g, "accounts").replace(/:[^/]+/g, someId),
    }))
    .filter((r) => !seen.has(r.key) && seen.add(r.key));
}

describe.each(testDatabaseKinds())("authorization of every API route on %s", (kind) => {
  let database: OpenDatabase;
  let app: App;
  let routes: Route[];
  const people: Record<string, { id: string; role: User["role"]; cookie: string }> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    app = makeTestApp(database.db, { env: { EXPOSE_OUTBOX: "true" } }).app;
    routes = apiRoutes(app);
    for (const username of ["ana", "dr.lee", "sam"]) {
      const [row] = await database.db.select().from(users).where(eq(users.username, username));
      if (!row) throw new Error(`no demo account ${username}`);
      people[username] = {
        id: row.id,
        role: row.role,
        cookie: await fullSession(app, username, demoPassword),
      };
    }
  }, 60_000);
  afterAll(() => database.close());

  const call = (route: Route, cookie?: string) =>
    app.request(route.path, {
      method: route.method,
      headers: {
        origin: testOrigin,
        "content-type": "application/json",
        ...(cookie ? { cookie } : {}),
      },
      body: route.method === "GET" ? undefined : "{}",
    });
  /** The catalog code of an error answer; undefined for any other body, or none. */
  const errorCode = async (res: Response) => {
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { error?: { code?: string } };
    return body?.error?.code;
  };
  /** The ids of the refusals audited against `actorId` so far. */
  const deniedRows = (actorId: string) =>
    database.db
      .select({ id: auditEvents.id, details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorId, actorId), eq(auditEvents.outcome, "denied")));

  it("finds the app's routes, and every public one listed is still one of them", () => {
    expect(routes.length).toBeGreaterThan(60);
    const keys = new Set(routes.map((route) => route.key));
    expect([...publicRoutes].filter((key) => !keys.has(key))).toEqual([]);
    // The staff routes the next tests walk are all there: a prefix renamed would empty them.
    const staff = routes.filter((route) => staffRoleOf(route));
    const groups = new Set(staff.map((route) => route.path.split("/").slice(2, 4).join("/")));
    expect(groups).toEqual(
      new Set([
        "support/requests",
        "support/accounts",
        "support/identity-checks",
        `diagnostics/${someId}`,
        "appointments/clinician",
        "inbox/summary",
        "inbox/threads",
      ]),
    );
  });

  it("answers 401 without a session on every route not listed as public", async () => {
    const open: string[] = [];
    for (const route of routes.filter((r) => !publicRoutes.has(r.key))) {
      const res = await call(route);
      if (res.status !== 401) open.push(`${route.key} answered ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it("answers the public routes signed out, without asking for a session", async () => {
    const refused: string[] = [];
    for (const route of routes.filter((r) => publicRoutes.has(r.key))) {
      const res = await call(route);
      if (res.status === 401 || res.status === 403) refused.push(`${route.key}: ${res.status}`);
    }
    expect(refused).toEqual([]);
  });

  it("refuses every staff route to every other role, 403 AUTH-103, with one audit row each", async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const role = staffRoleOf(route);
      if (!role) continue;
      for (const [username, person] of Object.entries(people)) {
        if (person.role === role) continue;
        const before = new Set((await deniedRows(person.id)).map((row) => row.id));
        const res = await call(route, person.cookie);
        const code = await errorCode(res);
        const added = (await deniedRows(person.id)).filter((row) => !before.has(row.id));
        // The row says who tried what: the method and path they called.
        const named = added.filter(
          (row) => row.details?.method === route.method && row.details?.path === route.path,
        );
        if (res.status !== 403 || code !== "AUTH-103" || added.length !== 1 || !named.length) {
          wrong.push(`${username} ${route.key}: ${res.status} ${code}, ${added.length} rows`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets each staff route's own role past the guard", async () => {
    const refused: string[] = [];
    for (const route of routes) {
      const role = staffRoleOf(route);
      const person = Object.values(people).find((p) => p.role === role);
      if (!role || !person) continue;
      const res = await call(route, person.cookie);
      if (res.status === 401 || (await errorCode(res)) === "AUTH-103") {
        refused.push(`${role} ${route.key}: ${res.status}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
