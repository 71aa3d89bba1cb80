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
import { makeClock, makeTestApp, testOrigin } from "../test/app.ts";
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
    for (const action of ["send-reset", "end-sessions", "clear-throttle"]) {
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
    const res = await act("walter", "send-reset", sam, "patients");
    expect(await errorCode(res)).toBe("SUP-105");
    const issued = await act("walter", "activation-code", sam, "patients");
    expect(issued.status).toBe(200);
    const text = await issued.text();
    const code = JSON.parse(text) as ActionAnswer;
    // The code goes to the mobile number on his Patient resource; staff only learn where.
    expect(code.sentTo).toEqual([{ channel: "sms", to: expect.stringMatching(/^•••• \d{4}$/) }]);
    expect(code).not.toHaveProperty("secret");
    const [sms] = await database.db
      .select()
      .from(outboxMessages)
      .where(like(outboxMessages.body, "%activation code%"));
    const sent = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(sms?.body ?? "")?.[0] ?? "none";
    expect(text).not.toContain(sent);
    expect(Date.parse(code.expiresAt ?? "")).toBeGreaterThan(clock.now().getTime());
    // Once the record says the patient has died, no code is issued (ADR 26).
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

  it("sends a reset code to the contacts on file and answers only where, never the code", async () => {
    // Ana has no email or phone on file: nothing can be sent, and the page says to see her.
    expect((await verify("ana", { birthDate: "1978-04-12", postalCode: "01 103" })).status).toBe(
      200,
    );
    const nowhere = await act("ana", "send-reset");
    expect(nowhere.status).toBe(409);
    expect(await errorCode(nowhere)).toBe("SUP-110");

    const passed = await verify("noah", { email: "noah@example.org", phone: "+1 555 010 0987" });
    expect(passed.status, await passed.clone().text()).toBe(200);
    const res = await act("noah", "send-reset");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      action: "send-reset",
      notified: "email",
      sentTo: [
        { channel: "email", to: "n•••@example.org" },
        { channel: "sms", to: "•••• 0987" },
      ],
    });
    const mail = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "noah@example.org"));
    const resetCode = /\b\d{6}\b/.exec(mail.at(-1)?.body ?? "")?.[0] ?? "none";
    expect(resetCode).not.toBe("none");
    expect(text).not.toContain(resetCode);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.action, "support.action.send-reset"),
          eq(auditEvents.outcome, "success"),
        ),
      );
    expect(audit).toMatchObject({ actorId: ids.sam });
    expect(audit?.details).toMatchObject({ id: ids.noah, sentTo: ["email", "sms"] });
    expect(JSON.stringify(audit?.details)).not.toContain(resetCode);
    // The person uses it on the forgotten-password page, second step and all; staff never can.
    const reset = await post(app, "/api/access/password-reset/finish", {
      username: "noah",
      code: resetCode,
      password: "a kettle of quiet herons",
    });
    expect(reset.status).toBe(204);
    // No support route answers a secret any more.
    expect((await act("noah", "temporary-password")).status).toBe(404);
    expect((await act("noah", "remove-second-step")).status).toBe(404);
  });

  it("clears the throttle and ends sessions, telling the person by email", async () => {
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

    // A knowledge check no longer takes a second step off: that needs an identity check.
    expect((await act("rosa", "remove-second-step")).status).toBe(404);
    expect(await secondStepMethodsOf(database.db, ids.rosa ?? "")).toContain("totp");

    expect((await get(app, "/api/me", rosa)).status).toBe(200);
    expect((await act("rosa", "end-sessions")).status).toBe(200);
    expect((await get(app, "/api/me", rosa)).status).toBe(401);

    const mail = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, "rosa@example.org"));
    const notices = mail.filter((m) => m.subject === "A change to your Hearth account");
    expect(notices).toHaveLength(2);
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
   * docs/abuse-cases.md 5: support staff open any clinical route → 403/404. The routes are read
   * from the app itself, so a clinical route another feature adds later is tried here too.
   */
  it("sets a new contact only when a second member of staff approves an identity check", async () => {
    const ines = await fullSession(app, "ines", demoPassword);
    const outboxTo = (to: string) =>
      database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, to));
    const before = {
      email: await outboxTo("rosa@example.org"),
      sms: await outboxTo("+15550100123"),
    };
    const recorded = await post(
      app,
      `/api/support/accounts/${ids.rosa}/identity-checks`,
      {
        kind: "video",
        document: "Driving licence, photo matches",
        contact: { channel: "email", email: "Rosa.New@example.org" },
        removeSecondStep: true,
        reason: "Lost her phone and her mailbox",
      },
      { cookie: sam },
    );
    expect(recorded.status, await recorded.clone().text()).toBe(201);
    const { id } = (await recorded.json()) as { id: string };
    // Pending: nothing about the account has changed.
    const [pending] = await database.db
      .select()
      .from(users)
      .where(eq(users.id, ids.rosa ?? ""));
    expect(pending).toMatchObject({ email: "rosa@example.org", phone: "+15550100123" });

    const listed = (await (await get(app, "/api/support/identity-checks", sam)).json()) as {
      checks: Array<{ id: string; mine: boolean; newContact: unknown }>;
    };
    expect(listed.checks).toEqual([
      expect.objectContaining({
        id,
        mine: true,
        newContact: { channel: "email", to: "r•••@example.org" },
      }),
    ]);
    const decide = (cookie: string, approve: boolean) =>
      post(
        app,
        `/api/support/identity-checks/${id}/decision`,
        { approve, reason: "Checked the recording" },
        { cookie },
      );
    // The two-person rule: whoever recorded it cannot approve it.
    const own = await decide(sam, true);
    expect(own.status).toBe(403);
    expect(await errorCode(own)).toBe("SUP-108");
    const [still] = await database.db
      .select()
      .from(users)
      .where(eq(users.id, ids.rosa ?? ""));
    expect(still?.email).toBe("rosa@example.org");

    const approved = await decide(ines, true);
    expect(approved.status, await approved.clone().text()).toBe(200);
    const text = await approved.text();
    expect(JSON.parse(text)).toEqual({
      status: "approved",
      sentTo: [{ channel: "email", to: "r•••@example.org" }],
      told: [
        { channel: "email", to: "r•••@example.org" },
        { channel: "sms", to: "•••• 0123" },
      ],
    });
    const [after] = await database.db
      .select()
      .from(users)
      .where(eq(users.id, ids.rosa ?? ""));
    expect(after).toMatchObject({ email: "rosa.new@example.org", phone: null, codeChannel: null });
    expect(await secondStepMethodsOf(database.db, ids.rosa ?? "")).toEqual([]);
    // The reset code went to the new contact only, and staff never saw it.
    const fresh = await outboxTo("rosa.new@example.org");
    const resetCode = /\b\d{6}\b/.exec(
      fresh.find((m) => /reset/.test(m.subject ?? ""))?.body ?? "",
    )?.[0];
    expect(resetCode).toMatch(/^\d{6}$/);
    expect(text).not.toContain(resetCode ?? "none");
    // Each old contact was told, where the person may still be reading.
    const toldEmail = (await outboxTo("rosa@example.org")).slice(before.email.length);
    expect(toldEmail.map((m) => m.subject)).toEqual(["Your Hearth email address was changed"]);
    const toldSms = (await outboxTo("+15550100123")).slice(before.sms.length);
    expect(toldSms).toHaveLength(1);
    expect(toldSms[0]?.body).toContain("phone number of your Hearth account was changed");

    const again = await decide(ines, false);
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe("SUP-109");

    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(like(auditEvents.action, "support.identity-check.%"));
    const summary = rows.map((row) => [row.action, row.outcome, row.actorId]);
    expect(summary).toEqual(
      expect.arrayContaining([
        ["support.identity-check.request", "success", ids.sam],
        ["support.identity-check.decide", "denied", ids.sam],
        ["support.identity-check.decide", "success", ids.ines],
        ["support.identity-check.decide", "denied", ids.ines],
      ]),
    );
    const success = rows.find((row) => row.outcome === "success" && row.actorId === ids.ines);
    expect(success?.details).toMatchObject({
      check: id,
      id: ids.rosa,
      status: "approved",
      requestedBy: ids.sam,
      told: ["email", "sms"],
    });
    expect(JSON.stringify(rows.map((row) => row.details))).not.toContain("rosa.new@example.org");
  });

  it("declines an identity check without changing the account", async () => {
    const ines = await fullSession(app, "ines", demoPassword);
    const recorded = await post(
      app,
      `/api/support/accounts/${ids.lena}/identity-checks`,
      {
        kind: "in-person",
        document: "Passport",
        contact: { channel: "sms", phone: "+1 555 010 7777" },
        reason: "At the desk",
      },
      { cookie: ines },
    );
    expect(recorded.status).toBe(201);
    const { id } = (await recorded.json()) as { id: string };
    const declined = await post(
      app,
      `/api/support/identity-checks/${id}/decision`,
      { approve: false, reason: "The photo did not match" },
      { cookie: sam },
    );
    expect(await declined.json()).toEqual({ status: "declined", sentTo: [], told: [] });
    const [lena] = await database.db
      .select()
      .from(users)
      .where(eq(users.id, ids.lena ?? ""));
    expect(lena).toMatchObject({ email: "lena@example.org", phone: null });
    const list = await get(app, "/api/support/identity-checks", sam);
    expect(((await list.json()) as { checks: unknown[] }).checks).toEqual([]);
    // Patients and clinicians cannot see or decide any.
    const clinician = await fullSession(app, "dr.lee", demoPassword);
    expect((await get(app, "/api/support/identity-checks", clinician)).status).toBe(403);
  });

  it("answers 403 or 404 to support staff on every clinical route, and audits it", async () => {
    const nonClinical =
      /^\/api\/(support|auth|account|me|health|diagnostics|help-requests|dev)(\/|$)/;
    const clinical = apiRoutes().filter((route) => !nonClinical.test(route.path));
    const prefixes = new Set(clinical.map((route) => route.path.split("/")[2]));
    expect([...prefixes]).toEqual(expect.arrayContaining(["record", "sync", "patients"]));
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
