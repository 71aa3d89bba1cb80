import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { makeClock, makeTestApp, testOrigin } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { fullSession } from "../test/sign-in.ts";
import { newPasswordSessionRoutes } from "./new-password-session.ts";

const password = "a temporary password";

/**
 * ASVS 6.4.1: an account given a temporary password by support can do nothing but choose a new
 * one. The routes are read from the app itself, like the partial-session test, so a route added
 * later by anyone is tried here too.
 */
describe.each(testDatabaseKinds())("a session that must change its password on %s", (kind) => {
  let database: OpenDatabase;
  let app: ReturnType<typeof makeTestApp>["app"];
  let cookie = "";

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: makeClock().now }).app;
    await database.db.insert(users).values({
      username: "given-one",
      displayName: "Given One",
      role: "patient",
      passwordHash: await hashPassword(password),
    });
    cookie = await fullSession(app, "given-one", password);
    await database.db
      .update(users)
      .set({ mustChangePassword: true })
      .where(eq(users.username, "given-one"));
  });
  afterAll(() => database.close());

  it("answers 403 SUP-107 from every API route but the allowed ones", async () => {
    const seen = new Set<string>();
    const routes = app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*"))
      .map((r) => ({
        method: r.method,
        path: r.path
          .replace(/:kind\{[^}]*\}/g, "accounts")
          .replace(/:[^/]+/g, "00000000-0000-4000-8000-000000000000"),
      }))
      .filter(({ method, path }) => !seen.has(`${method} ${path}`) && seen.add(`${method} ${path}`))
      .filter(({ method, path }) => !newPasswordSessionRoutes.has(`${method} ${path}`));
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const res = await app.request(route.path, {
        method: route.method,
        headers: { cookie, origin: testOrigin, "content-type": "application/json" },
        body: route.method === "GET" ? undefined : "{}",
      });
      const body = (await res.json()) as { error?: { code: string } };
      expect(`${route.method} ${route.path} ${res.status} ${body.error?.code}`).toBe(
        `${route.method} ${route.path} 403 SUP-107`,
      );
    }
  });

  it("still says who is signed in, and that a new password is due", async () => {
    const res = await app.request("/api/me", { headers: { cookie, origin: testOrigin } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ username: "given-one", mustChangePassword: true });
  });
});
