import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DiagnosticReport,
  type DiagnosticSaved,
  diagnosticCodePattern,
  type StoredDiagnostic,
} from "../../shared/contracts/help.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, diagnosticReports } from "../db/schema.ts";
import { demoPassword, seedDemo } from "../db/seed.ts";
import { makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { fullSession, post } from "../test/sign-in.ts";
import { diagnosticLifetimeMs } from "./diagnostics.ts";

const report: DiagnosticReport = {
  results: [
    { check: "network", outcome: "pass", says: "pass", values: { ms: 84 } },
    { check: "clock", outcome: "fail", says: "fail", values: { seconds: 95 } },
  ],
  appVersion: "0.1.0",
  userAgent: "Mozilla/5.0 (Linux; Android 14) Chrome/129.0 Mobile Safari/537.36",
  locale: "es",
  guide: "two-step",
};

describe.each(testDatabaseKinds())("diagnostic reports on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  let sam = "";
  let ana = "";

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    app = makeTestApp(database.db, { now: clock.now }).app;
    sam = await fullSession(app, "sam", demoPassword);
    ana = await fullSession(app, "ana", demoPassword);
  });
  afterAll(() => database.close());

  const save = async (headers: Record<string, string> = {}) => {
    const res = await post(app, "/api/diagnostics", report, headers);
    expect(res.status).toBe(201);
    return (await res.json()) as DiagnosticSaved;
  };
  const read = (code: string, cookie?: string) =>
    app.request(`/api/diagnostics/${code}`, { headers: cookie ? { cookie } : {} });

  it("stores a report signed out and answers a code to read out, valid for 7 days", async () => {
    const saved = await save({ "x-forwarded-for": "198.51.100.1" });
    expect(saved.code).toMatch(diagnosticCodePattern);
    expect(new Date(saved.expiresAt).getTime() - clock.now().getTime()).toBe(diagnosticLifetimeMs);
  });

  it("lets support staff read a report by its code, typed loosely, and audits it", async () => {
    const { code } = await save();
    const res = await read(code.replace("-", "").toLowerCase(), sam);
    expect(res.status).toBe(200);
    const body = (await res.json()) as StoredDiagnostic;
    expect(body).toMatchObject({ ...report, code });
    const audited = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "diagnostics.read"));
    expect(audited.some((e) => e.outcome === "success" && e.details?.code === code)).toBe(true);
  });

  it("refuses anyone but support staff", async () => {
    const { code } = await save();
    expect((await read(code)).status).toBe(401);
    const patient = await read(code, ana);
    expect(patient.status).toBe(403);
    expect(await patient.json()).toEqual({ error: { code: "AUTH-103" } });
  });

  it("answers 404 for a code that does not exist or is malformed", async () => {
    expect((await read("ZZZ-ZZZ", sam)).status).toBe(404);
    expect((await read("not-a-code", sam)).status).toBe(404);
  });

  it("refuses a report with anything beyond the contract (no free text, no health data)", async () => {
    const res = await post(app, "/api/diagnostics", { ...report, notes: "my glucose is 9.1" });
    expect(res.status).toBe(422);
    const stored = await database.db.select().from(diagnosticReports);
    expect(JSON.stringify(stored)).not.toContain("glucose");
  });

  it("forgets reports after 7 days, and deletes them at the next write", async () => {
    const { code: old } = await save();
    clock.advance(diagnosticLifetimeMs + 1000);
    sam = await fullSession(app, "sam", demoPassword); // the old session ended meanwhile
    // Past its lifetime it is gone for support even before any cleanup runs…
    expect((await read(old, sam)).status).toBe(404);
    const { code: fresh } = await save({ "x-forwarded-for": "198.51.100.2" });
    // …and the next report deletes the row.
    const rows = await database.db.select().from(diagnosticReports);
    expect(rows.map((r) => r.code)).toEqual([fresh]);
  });

  it("limits reports per address with REQ-306 and the wait", async () => {
    const headers = { "x-forwarded-for": "203.0.113.9" };
    const limited = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "1" } }).app;
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await post(limited, "/api/diagnostics", report, headers);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 6)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(statuses[6]).toBe(429);
    const body = (await last?.json()) as { error: { code: string; retryAfterSeconds: number } };
    expect(body.error.code).toBe("REQ-306");
    expect(body.error.retryAfterSeconds).toBeGreaterThan(0);
    expect(last?.headers.get("retry-after")).toBe(String(body.error.retryAfterSeconds));
    // Another address is not affected.
    const other = await post(limited, "/api/diagnostics", report, {
      "x-forwarded-for": "203.0.113.10",
    });
    expect(other.status).toBe(201);
  });
});
