import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ActionAnswer,
  HelpRequestDetail,
  PersonSearchResult,
  PersonState,
  Queue,
} from "../../shared/contracts/support.ts";
import { secondStepMethodsOf } from "../auth/authenticator-app.ts";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, outboxMessages, patients, resources, users } from "../db/schema.ts";
import { demoPassword, seedDemo, seedDemoRecords } from "../db/seed.ts";
import { makeClock, makeTestApp, sessionCookieFrom, testOrigin } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { enableAuthenticator, fullSession, post, signInRequest } from "../test/sign-in.ts";

type App = ReturnType<typeof makeTestApp>["app"];

const get = (app: App, path: string, cookie: string) =>
  app.request(path, { headers: { cookie, origin: testOrigin } });

const errorCode = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

describe.each(testDatabaseKinds())("the support console on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: App;
  let sam = "";
  let ana = "";
  let lee = "";
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedDemo(database.db, false);
    await seedDemoRecords(database.db, false);
    app = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "1" } }).app;
    sam = await fullSession(app, "sam", demoPassword);
    ana = await fullSession(app, "ana", demoPassword);
    lee = await fullSession(app, "dr.lee", demoPassword);
    for (const row of await database.db.select().from(users)) ids[row.username] = row.id;
    const [walter] = await database.db
      .select()
      .from(patients)
      .where(eq(patients.name, "Walter Brennan"));
    ids.walter = walter?.id ?? "";
  }, 60_000);
  afterAll(() => database.close());

  const verify = (who: string, answers: Record<string, string>, cookie = sam, path = "accounts") =>
    post(
      app,
      `/api/support/${path}/${ids[who]}/verification`,
      { answers, reason: "Caller cannot sign in" },
      { cookie },
    );
  const act = (who: string, action: string, cookie = sam, path = "accounts") =>
    post(
      app,
      `/api/support/${path}/${ids[who]}/actions/${action}`,
      { reason: "Caller cannot sign in" },
      { cookie },
    );

  it("answers 403 AUTH-103, audited, to patients and clinicians, and 401 to nobody", async () => {
    for (const cookie of [ana, lee]) {
      const res = await get(app, "/api/support/requests", cookie);
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe("AUTH-103");
      const acted = await act("rosa", "end-sessions", cookie);
      expect(acted.status).toBe(403);
    }
    expect((await get(app, `/api/support/accounts/${ids.ana}`, "")).status).toBe(401);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "support.access"), eq(auditEvents.outcome, "denied")));
    expect(denied.length).toBeGreaterThanOrEqual(4);
  });

  it("finds accounts by username, by email, and by name with date of birth; never staff", async () => {
    const search = async (query: string) => {
      const res = await get(app, `/api/support/accounts?${query}`, sam);
      expect(res.status).toBe(200);
      return ((await res.json()) as PersonSearchResult).people;
    };
    expect(await search("q=ANA")).toEqual([
      { kind: "account", id: ids.ana, displayName: "Ana Rivera", username: "ana", activated: true },
    ]);
    expect((await search("q=rosa%40example.org"))[0]?.username).toBe("rosa");
    expect((await search("name=rivera&birthDate=1978-04-12"))[0]?.id).toBe(ids.ana);
    expect(await search("name=rivera&birthDate=1978-04-13")).toEqual([]);
    expect(await search("name=walter&birthDate=1956-09-30")).toEqual([
      {
        kind: "patient",
        id: ids.walter,
        displayName: "Walter Brennan",
        username: null,
        activated: false,
      },
    ]);
    expect(await search("q=sam")).toEqual([]);
    expect(await search("q=dr.lee")).toEqual([]);
    const bad = await get(app, "/api/support/accounts?name=x&birthDate=yesterday", sam);
    expect(bad.status).toBe(422);
  });

  it("shows an account's state and nothing from the health record", async () => {
    const res = await get(app, `/api/support/accounts/${ids.ana}`, sam);
    expect(res.status).toBe(200);
    const text = await res.text();
    const state = JSON.parse(text) as PersonState;
    expect(state).toMatchObject({
      kind: "account",
      activated: true,
      hasRecord: true,
      onFile: { birthDate: true, postalCode: true, phone: true, email: false },
      verifiedUntil: null,
      liveSessions: 1,
      secondStep: [],
    });
    expect(state.signIns[0]?.method).toBe("password");
    // Identity is checked on the server, not shown: no date of birth, no address, no record.
    for (const secret of ["1978-04-12", "01103", "Elm Street", "Observation", "Condition", "HbA1c"])
      expect(text).not.toContain(secret);
    expect((await get(app, `/api/support/accounts/${ids["dr.lee"]}`, sam)).status).toBe(403);
    expect((await get(app, `/api/support/accounts/${ids.walter}`, sam)).status).toBe(404);
    expect((await get(app, `/api/support/patients/${ids.walter}`, sam)).status).toBe(200);
  });

  it("refuses every action until identity is verified (SUP-101), audited, changing nothing", async () => {
    const before = await database.db
      .select()
      .from(users)
      .where(eq(users.id, ids.ana ?? ""));
    for (const action of ["temporary-password", "end-sessions", "clear-throttle"]) {
      const res = await act("ana", action);
      expect(res.status).toBe(403);
      expect(await errorCode(res)).toBe("SUP-101");
    }
    const after = await database.db
      .select()
      .from(users)
      .where(eq(users.id, ids.ana ?? ""));
    expect(after).toEqual(before);
    expect((await get(app, "/api/me", ana)).status).toBe(200);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(like(auditEvents.action, "support.action.%"));
    expect(denied.every((row) => row.outcome === "denied")).toBe(true);
    expect(denied[0]?.details).toMatchObject({ reason: "Caller cannot sign in", code: "SUP-101" });
  });

  it("refuses wrong answers (SUP-102), and caps failures per person (SUP-103)", async () => {
    const wrong = await verify(
      "walter",
      { birthDate: "1956-09-29", postalCode: "01103" },
      sam,
      "patients",
    );
    expect(wrong.status).toBe(422);
    expect(await errorCode(wrong)).toBe("SUP-102");
    // One right item is not enough either.
    expect((await verify("walter", { birthDate: "1956-09-30" }, sam, "patients")).status).toBe(422);
    for (let i = 0; i < 3; i++)
      await verify("walter", { birthDate: "2000-01-01", phone: "555" }, sam, "patients");
    const capped = await verify(
      "walter",
      { birthDate: "1956-09-30", postalCode: "01103" },
      sam,
      "patients",
    );
    expect(capped.status).toBe(429);
    expect(await errorCode(capped)).toBe("SUP-103");
    clock.advance(3_600_000);
    // An hour idle ends sessions too (ASVS 7.3.1): sign in again.
    sam = await fullSession(app, "sam", demoPassword);
    ana = await fullSession(app, "ana", demoPassword);
    const passed = await verify(
      "walter",
      { birthDate: "1956-09-30", postalCode: "01103" },
      sam,
      "patients",
    );
    expect(passed.status).toBe(200);
    // A patient with no account can only be given an activation code.
    const res = await act("walter", "temporary-password", sam, "patients");
    expect(await errorCode(res)).toBe("SUP-105");
    const issued = await act("walter", "activation-code", sam, "patients");
    expect(issued.status).toBe(200);
    const code = (await issued.json()) as ActionAnswer;
    expect(code.secret).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(code.expiresAt ?? "")).toBeGreaterThan(clock.now().getTime());
    // Once the record says the patient has died, no code is issued (issue 12).
    const walterPatient = and(
      eq(resources.patientId, ids.walter ?? ""),
      eq(resources.resourceType, "Patient"),
    );
    const [walterRow] = await database.db.select().from(resources).where(walterPatient);
    if (!walterRow) throw new Error("Walter Brennan's record has no Patient resource");
    await database.db
      .update(resources)
      .set({ resource: { ...walterRow.resource, deceasedDateTime: "2026-11-02" } })
      .where(walterPatient);
    const refused = await act("walter", "activation-code", sam, "patients");
    expect(refused.status).toBe(409);
    expect(await errorCode(refused)).toBe("AUTH-116");
    await database.db.update(resources).set({ resource: walterRow.resource }).where(walterPatient);
    // An account is never given an activation code.
    expect(await errorCode(await act("ana", "activation-code"))).toBe("SUP-101");
  });

  it("answers SUP-104 when too little is on file to verify anyone by phone", async () => {
    const res = await verify("kai", { birthDate: "1990-01-01", phone: "5550100" });
    expect(res.status).toBe(409);
    expect(await errorCode(res)).toBe("SUP-104");
  });

  it("issues a temporary password that opens nothing but choosing a new one", async () => {
    const passed = await verify("ana", { birthDate: "1978-04-12", postalCode: "01 103" });
    expect(passed.status).toBe(200);
    const res = await act("ana", "temporary-password");
    expect(res.status).toBe(200);
    const answer = (await res.json()) as ActionAnswer;
    expect(answer.secret).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    // Ana has no email or phone on file: the answer says she was not told, so staff tell her.
    expect(answer.notified).toBeNull();
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "support.action.temporary-password"),
          eq(auditEvents.outcome, "success"),
        ),
      );
    expect(audit[0]).toMatchObject({ actorId: ids.sam });
    expect(audit[0]?.details).toMatchObject({ reason: "Caller cannot sign in", id: ids.ana });
    expect(JSON.stringify(audit[0]?.details)).not.toContain(answer.secret ?? "?");
    // Every session of the account ended; the old password is gone.
    expect((await get(app, "/api/me", ana)).status).toBe(401);
    expect((await signInRequest(app, "ana", demoPassword)).status).toBe(401);

    const signedIn = await signInRequest(app, "ana", answer.secret ?? "");
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toMatchObject({
      me: { username: "ana", mustChangePassword: true },
    });
    const temporary = sessionCookieFrom(signedIn) ?? "";
    const record = await get(app, "/api/record/export", temporary);
    expect(record.status).toBe(403);
    expect(await errorCode(record)).toBe("SUP-107");
    expect((await post(app, "/api/sync/pull", { cursors: {} }, { cookie: temporary })).status).toBe(
      403,
    );

    const weak = await post(
      app,
      "/api/auth/new-password",
      { password: "password1" },
      { cookie: temporary },
    );
    expect(weak.status).toBe(422);
    const same = await post(
      app,
      "/api/auth/new-password",
      { password: answer.secret },
      { cookie: temporary },
    );
    expect(same.status).toBe(422);
    const changed = await post(
      app,
      "/api/auth/new-password",
      { password: "a kettle of quiet herons" },
      { cookie: temporary },
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({
      me: expect.not.objectContaining({ mustChangePassword: true }),
    });
    const fresh = sessionCookieFrom(changed) ?? "";
    expect(fresh).not.toBe(temporary);
    expect((await get(app, "/api/me", temporary)).status).toBe(401);
    expect((await get(app, "/api/record/export", fresh)).status).toBe(200);
    // Only once: the route is for a temporary password, not a way round the current one.
    const again = await post(
      app,
      "/api/auth/new-password",
      { password: "another quiet heron" },
      { cookie: fresh },
    );
    expect(again.status).toBe(403);
    ana = fresh;
  });

  it("clears the throttle, removes second steps and ends sessions, telling the person by email", async () => {
    const rosa = await fullSession(app, "rosa", demoPassword);
    await enableAuthenticator(app, rosa, clock.now);
    const headers = { "x-forwarded-for": "198.51.100.7" };
    let last = 0;
    for (let i = 0; i < 7 && last !== 429; i++)
      last = (await signInRequest(app, "rosa", "not her password", headers)).status;
    expect(last).toBe(429);
    const state = (await (
      await get(app, `/api/support/accounts/${ids.rosa}`, sam)
    ).json()) as PersonState;
    expect(state.throttle.blockedUntil).not.toBeNull();
    expect(state.secondStep).toContain("totp");
    expect(state.errorCodes).toEqual(expect.arrayContaining(["AUTH-105", "AUTH-101"]));

    const verified = await verify("rosa", {
      birthDate: "1990-07-21",
      email: "ROSA@example.org",
      phone: "+1 (555) 010-0123",
    });
    expect(verified.status, await verified.clone().text()).toBe(200);
    const cleared = (await (await act("rosa", "clear-throttle")).json()) as ActionAnswer;
    expect(cleared.notified).toBe("email");
    expect((await signInRequest(app, "rosa", demoPassword, headers)).status).toBe(200);

    expect((await act("rosa", "remove-second-step")).status).toBe(200);
    expect(await secondStepMethodsOf(database.db, ids.rosa ?? "")).toEqual([]);

    expect((await get(app, "/api/me", rosa)).status).toBe(200);
    expect((await act("rosa", "end-sessions")).status).toBe(200);
    expect((await get(app, "/api/me", rosa)).status).toBe(401);

    const mail = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "rosa@example.org"));
    const notices = mail.filter((m) => m.subject === "A change to your Hearth account");
    expect(notices).toHaveLength(3);
    expect(notices.map((m) => m.body).join("\n")).toContain("signed your account out");
  });

  it("keeps a verification to the member of staff who did it", async () => {
    await database.db.insert(users).values({
      username: "sol",
      displayName: "Sol Support",
      role: "support",
      passwordHash: await hashPassword("a long support password"),
    });
    const sol = await fullSession(app, "sol", "a long support password");
    const res = await act("rosa", "end-sessions", sol);
    expect(await errorCode(res)).toBe("SUP-101");
    // A failed check after a passed one closes the door again.
    clock.advance(1000);
    await verify("rosa", { email: "someone@example.org", phone: "5550100123" });
    expect(await errorCode(await act("rosa", "end-sessions"))).toBe("SUP-101");
  });

  it("lists the queue, opens a request with its device report and guide, and marks it handled", async () => {
    const report = await post(
      app,
      "/api/diagnostics",
      {
        results: [
          { check: "network", outcome: "pass", says: "pass", values: { ms: 80 } },
          { check: "clock", outcome: "fail", says: "off", values: { seconds: 400 } },
        ],
        appVersion: "test",
        userAgent: "Mozilla/5.0",
        locale: "en",
      },
      { "x-forwarded-for": "203.0.113.9" },
    );
    const { code } = (await report.json()) as { code: string };
    const sent = await post(
      app,
      "/api/help-requests",
      {
        name: "Rosa Mendes",
        contact: "rosa@example.org",
        message: "My codes are never right.",
        diagnosticCode: code,
        locale: "es",
      },
      { "x-forwarded-for": "203.0.113.9" },
    );
    const { reference } = (await sent.json()) as { reference: string };
    const queue = (await (await get(app, "/api/support/requests", sam)).json()) as Queue;
    expect(queue.requests[0]).toMatchObject({ reference, status: "open", diagnosticCode: code });
    const detail = (await (
      await get(app, `/api/support/requests/${reference}`, sam)
    ).json()) as HelpRequestDetail;
    expect(detail.diagnostic?.results).toHaveLength(2);
    expect(detail.guide).toBe("two-step");
    const state = (await (
      await get(app, `/api/support/accounts/${ids.rosa}`, sam)
    ).json()) as PersonState;
    expect(state.helpRequests.map((r) => r.reference)).toContain(reference);
    expect(state.diagnostics.map((d) => d.code)).toContain(code);

    const handled = await post(
      app,
      `/api/support/requests/${reference}/handled`,
      { handled: true },
      { cookie: sam },
    );
    expect(handled.status).toBe(204);
    const open = (await (await get(app, "/api/support/requests?status=open", sam)).json()) as Queue;
    expect(open.requests.map((r) => r.reference)).not.toContain(reference);
    const done = (await (
      await get(app, "/api/support/requests?status=handled&order=oldest", sam)
    ).json()) as Queue;
    expect(done.requests.map((r) => r.reference)).toContain(reference);
    expect((await get(app, "/api/support/requests?status=maybe", sam)).status).toBe(422);
  });

  /** Every API route of the app, with its parameters filled in. */
  function apiRoutes(): { method: string; path: string }[] {
    const seen = new Set<string>();
    return app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/") && !r.path.includes("*"))
      .map((r) => ({
        method: r.method,
        path: r.path
          .replace(/:kind\{[^}]*\}/g, "accounts")
          .replace(/:[^/]+/g, "00000000-0000-4000-8000-000000000000"),
      }))
      .filter(
        ({ method, path }) => !seen.has(`${method} ${path}`) && seen.add(`${method} ${path}`),
      );
  }

  /**
   * ABUSE-CASES 5: support staff open any clinical route → 403/404. The routes are read from
   * the app itself, so a clinical route another feature adds later is tried here too.
   */
  it("answers 403 or 404 to support staff on every clinical route, and audits it", async () => {
    const nonClinical =
      /^\/api\/(support|auth|account|me|health|diagnostics|help-requests|dev)(\/|$)/;
    const clinical = apiRoutes().filter((route) => !nonClinical.test(route.path));
    const prefixes = new Set(clinical.map((route) => route.path.split("/")[2]));
    expect(prefixes).toEqual(expect.objectContaining(new Set(["record", "sync", "patients"])));
    for (const route of clinical) {
      const res = await app.request(route.path, {
        method: route.method,
        headers: { cookie: sam, origin: testOrigin, "content-type": "application/json" },
        body: route.method === "GET" ? undefined : "{}",
      });
      expect([403, 404], `${route.method} ${route.path}`).toContain(res.status);
    }
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "support.clinical-route"));
    expect(denied.length).toBe(clinical.length);
    // The same routes still work for the patient: the boundary is the role, not the route.
    expect((await get(app, "/api/record/export", ana)).status).toBe(200);
  });
});
