import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { demoPassword, seedDemo } from "../db/seed.ts";
import { jsonHeaders, makeTestApp, testOrigin } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";

describe.each(testDatabaseKinds())("request defences on %s", (kind) => {
  let database: OpenDatabase;
  let app: Hono;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    app = makeTestApp(database.db, { env: { BODY_LIMIT_KB: "4" } }).app as unknown as Hono;
  });
  afterAll(() => database.close());

  const body = JSON.stringify({ username: "ana", password: demoPassword });
  const post = (headers: Record<string, string>, payload: BodyInit = body) =>
    app.request("/api/auth/sign-in", { method: "POST", headers, body: payload });

  describe("CSRF (ASVS 3.5, docs/abuse-cases.md 17)", () => {
    it("refuses a cross-origin Origin", async () => {
      const res = await post(jsonHeaders({ origin: "https://evil.example" }));
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "SEC-201" } });
    });

    it("refuses a request with no Origin and no Sec-Fetch-Site", async () => {
      const res = await post({ "content-type": "application/json" });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("SEC-201");
    });

    it("refuses Origin: null (sandboxed frames, data: pages)", async () => {
      const res = await post(jsonHeaders({ origin: "null" }));
      expect(res.status).toBe(403);
    });

    it("refuses a cross-site Sec-Fetch-Site when Origin is missing", async () => {
      const res = await post({
        "content-type": "application/json",
        "sec-fetch-site": "cross-site",
      });
      expect(res.status).toBe(403);
    });

    it("accepts Sec-Fetch-Site: same-origin when Origin is missing", async () => {
      const res = await post({
        "content-type": "application/json",
        "sec-fetch-site": "same-origin",
      });
      expect(res.status).toBe(200);
    });

    it("refuses a text/plain body (what a cross-site form can send)", async () => {
      const res = await post({ "content-type": "text/plain", origin: testOrigin });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: "SEC-202" } });
    });

    it("refuses a form-encoded body and a missing Content-Type", async () => {
      const form = await post({
        "content-type": "application/x-www-form-urlencoded",
        origin: testOrigin,
      });
      expect(form.status).toBe(403);
      const none = await post({ origin: testOrigin });
      expect(none.status).toBe(403);
    });

    it("has no state-changing GET", async () => {
      const res = await app.request("/api/auth/sign-out", { method: "GET" });
      expect(res.status).toBe(404);
    });
  });

  it("answers 413 before parsing a body over the limit", async () => {
    const big = JSON.stringify({ username: "ana", password: "x".repeat(10 * 1024) });
    const res = await post(jsonHeaders(), big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: "REQ-303" } });
  });

  it("answers 413 for an oversized body sent without Content-Length (streamed)", async () => {
    const chunk = new TextEncoder().encode("x".repeat(1024));
    let sent = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (sent++ < 64) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await app.request("/api/auth/sign-in", {
      method: "POST",
      headers: jsonHeaders(),
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("answers 400 REQ-301 to bad JSON", async () => {
    const res = await post(jsonHeaders(), "{not json");
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "REQ-301" } });
  });

  it("answers 404 REQ-304 to an unknown API route", async () => {
    const res = await app.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "REQ-304" } });
  });

  it("answers 401 AUTH-102 to /api/me without a session, and with a forged cookie", async () => {
    const none = await app.request("/api/me");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: "AUTH-102" } });
    const forged = await app.request("/api/me", { headers: { cookie: "hearth_session=forged" } });
    expect(forged.status).toBe(401);
  });

  it("sends security headers and no-store on the API", async () => {
    const res = await app.request("/api/health");
    expect(res.status).toBe(200);
    // JSON is never a page: it may load nothing and be framed by nothing.
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    // The page-only headers are not repeated on every sync request (ADR 13: under 1 KB).
    expect(res.headers.get("permissions-policy")).toBeNull();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    // Plain http (the default origin): no HSTS, which would break a local install.
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("maps an unexpected exception to SRV-501 with no detail", async () => {
    const { app: inner } = makeTestApp(database.db);
    inner.get("/api/boom", () => {
      throw new Error("secret internal detail: connection string postgres://x");
    });
    const quiet = console.error;
    console.error = () => {};
    try {
      const res = await inner.request("/api/boom");
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: "SRV-501" } });
      expect(text).not.toContain("secret");
    } finally {
      console.error = quiet;
    }
  });
});

describe("https deployment", () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    await seedDemo(database.db, false);
  });
  afterAll(() => database.close());

  it("uses Secure and the __Host- prefix on the cookie, and sends HSTS", async () => {
    const origin = "https://portal.example.org";
    const { app } = makeTestApp(database.db, { env: { PUBLIC_ORIGIN: origin } });
    const res = await app.request("/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ username: "ana", password: demoPassword }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().join("\n");
    expect(cookie).toMatch(/^__Host-hearth_session=/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });

  it("refuses the loopback origin when PUBLIC_ORIGIN names the real one", async () => {
    const { app } = makeTestApp(database.db, {
      env: { PUBLIC_ORIGIN: "https://portal.example.org" },
    });
    const res = await app.request("/api/auth/sign-in", {
      method: "POST",
      headers: jsonHeaders(),
      body: JSON.stringify({ username: "ana", password: demoPassword }),
    });
    expect(res.status).toBe(403);
  });
});
