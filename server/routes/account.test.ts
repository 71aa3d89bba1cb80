import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  AccountActivity,
  AccountSession,
  SessionTime,
} from "../../shared/contracts/account.ts";
import { recordAudit } from "../audit.ts";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, patients, sessions, users } from "../db/schema.ts";
import { outboxFor } from "../messaging/outbox.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { fullSession, post, signInRequest } from "../test/sign-in.ts";

const password = "correct horse battery";
const newPassword = "a brand new passphrase";
const phoneUa =
  "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36";
const laptopUa = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** The account security page's server side (ADR 19): sessions, session time, details, activity. */
describe.each(testDatabaseKinds())("account security on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    const passwordHash = await hashPassword(password);
    await database.db.insert(users).values(
      [
        "owner",
        "other",
        "mover",
        "changer",
        "coded",
        "watched",
        "doctor",
        "opened",
        "helper",
        "prober",
      ].map((username) => ({
        username,
        displayName:
          username === "doctor" ? "Dr. Watson" : username === "helper" ? "Sam Helper" : username,
        role:
          username === "doctor"
            ? ("clinician" as const)
            : username === "helper"
              ? ("support" as const)
              : ("patient" as const),
        passwordHash,
        email: `${username}@example.org`,
        phone: username === "mover" ? "+15550100999" : null,
        codeChannel: username === "coded" ? ("email" as const) : null,
      })),
    );
  });
  afterAll(() => database.close());

  const get = (path: string, cookie: string) => app.request(path, { headers: { cookie } });
  async function listOf(cookie: string): Promise<AccountSession[]> {
    const res = await get("/api/account/sessions", cookie);
    expect(res.status).toBe(200);
    return ((await res.json()) as { sessions: AccountSession[] }).sessions;
  }
  async function signInAs(username: string, ua: string) {
    const res = await signInRequest(app, username, password, { "user-agent": ua });
    const cookie = sessionCookieFrom(res);
    if (!cookie) throw new Error("no session");
    return cookie;
  }

  it("lists the person's own sessions with device, times and which one is this", async () => {
    const phone = await signInAs("owner", phoneUa);
    clock.advance(60_000);
    const laptop = await signInAs("owner", laptopUa);
    await signInAs("other", laptopUa);
    const listed = await listOf(laptop);
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatchObject({ browser: "Firefox", system: "Windows", current: true });
    expect(listed[1]).toMatchObject({ browser: "Chrome", system: "Android", current: false });
    expect(listed[1]?.id).toMatch(/^[0-9a-f]{32}$/);
    // The listed id is not the stored one (a digest of the token), nor the token.
    const stored = await database.db.select({ id: sessions.id }).from(sessions);
    expect(stored.map((s) => s.id)).not.toContain(listed[1]?.id);
    expect(phone).not.toContain(listed[1]?.id ?? "-");
  });

  it("ends one other session, and refuses to end the current one by id", async () => {
    const phone = await signInAs("owner", phoneUa);
    const laptop = await signInAs("owner", laptopUa);
    const listed = await listOf(laptop);
    const phoneEntry = listed.find((s) => !s.current && s.system === "Android");
    const current = listed.find((s) => s.current);
    const ended = await post(
      app,
      "/api/account/sessions/end",
      { id: phoneEntry?.id },
      { cookie: laptop },
    );
    expect(ended.status).toBe(204);
    expect((await get("/api/me", phone)).status).toBe(401);
    expect((await get("/api/me", laptop)).status).toBe(200);
    const self = await post(
      app,
      "/api/account/sessions/end",
      { id: current?.id },
      { cookie: laptop },
    );
    expect(self.status).toBe(404);
    expect((await self.json()).error.code).toBe("AUTH-140");
  });

  it("cannot list or end another person's sessions (ASVS 8.2.2)", async () => {
    const theirs = await signInAs("other", phoneUa);
    const mine = await signInAs("owner", laptopUa);
    const theirIds = (await listOf(theirs)).map((s) => s.id);
    expect((await listOf(mine)).map((s) => s.id)).not.toEqual(expect.arrayContaining(theirIds));
    for (const id of theirIds) {
      const res = await post(app, "/api/account/sessions/end", { id }, { cookie: mine });
      expect(res.status).toBe(404);
    }
    expect((await get("/api/me", theirs)).status).toBe(200);
    const refused = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "account.session.end"));
    expect(refused.some((row) => row.outcome === "failure")).toBe(true);
  });

  it("signs out everywhere else, keeping this session", async () => {
    const a = await signInAs("owner", phoneUa);
    const b = await signInAs("owner", phoneUa);
    const here = await signInAs("owner", laptopUa);
    const res = await post(app, "/api/account/sessions/end-others", {}, { cookie: here });
    expect(res.status).toBe(200);
    expect((await res.json()).ended).toBeGreaterThanOrEqual(2);
    expect((await get("/api/me", a)).status).toBe(401);
    expect((await get("/api/me", b)).status).toBe(401);
    expect(await listOf(here)).toHaveLength(1);
  });

  it("says how long is left without counting the question as activity", async () => {
    const cookie = await signInAs("watched", laptopUa);
    const first = (await (await get("/api/account/session-time", cookie)).json()) as SessionTime;
    expect(first).toMatchObject({ remainingMs: 30 * 60_000, limit: "idle" });
    clock.advance(29 * 60_000);
    const later = (await (await get("/api/account/session-time", cookie)).json()) as SessionTime;
    // Asking again after 29 minutes did not push the end back.
    expect(later.endsAt).toBe(first.endsAt);
    expect(later.remainingMs).toBe(60_000);
    const extended = await post(app, "/api/account/session-time/extend", {}, { cookie });
    const after = (await extended.json()) as SessionTime;
    expect(after.remainingMs).toBe(30 * 60_000);
    clock.advance(30 * 60_000);
    expect((await get("/api/account/session-time", cookie)).status).toBe(401);
  });

  it("names the absolute limit when it comes before the idle one", async () => {
    const cookie = await signInAs("watched", laptopUa);
    for (let step = 0; step < 24; step++) {
      clock.advance(29 * 60_000);
      expect((await post(app, "/api/account/session-time/extend", {}, { cookie })).status).toBe(
        200,
      );
    }
    const time = (await (await get("/api/account/session-time", cookie)).json()) as SessionTime;
    expect(time.limit).toBe("absolute");
    expect(time.remainingMs).toBeLessThan(30 * 60_000);
  });

  it("changes the password only within five minutes of the last proof (ASVS 7.5.1)", async () => {
    const cookie = await signInAs("changer", laptopUa);
    clock.advance(5 * 60_000 + 1);
    const late = await post(app, "/api/account/password", { newPassword }, { cookie });
    expect(late.status).toBe(401);
    expect((await late.json()).error.code).toBe("AUTH-108");
    const reauth = await post(app, "/api/auth/reauthenticate", { password }, { cookie });
    expect(reauth.status).toBe(204);
    const weak = await post(app, "/api/account/password", { newPassword: "password1" }, { cookie });
    expect(weak.status).toBe(422);
    expect((await weak.json()).error.fields).toEqual([
      { field: "newPassword", problem: "passwordCommon" },
    ]);
  });

  it("a password change ends every other session, issues a new token and tells the person", async () => {
    const elsewhere = await signInAs("changer", phoneUa);
    const here = await signInAs("changer", laptopUa);
    const res = await post(app, "/api/account/password", { newPassword }, { cookie: here });
    expect(res.status).toBe(204);
    const renewed = sessionCookieFrom(res);
    expect(renewed).toBeDefined();
    expect(renewed).not.toBe(here);
    // The old token of this very session is dead too (ASVS 7.2.4), the other device is out.
    expect((await get("/api/me", here)).status).toBe(401);
    expect((await get("/api/me", elsewhere)).status).toBe(401);
    expect((await get("/api/me", renewed ?? "")).status).toBe(200);
    expect(await listOf(renewed ?? "")).toHaveLength(1);
    expect((await signInRequest(app, "changer", password)).status).toBe(401);
    expect((await signInRequest(app, "changer", newPassword)).status).toBe(200);
    const sent = await outboxFor(database.db, "changer@example.org", 5);
    const notice = sent.find((message) => /password was changed/i.test(message.subject ?? ""));
    expect(notice?.body).toContain("signed out everywhere else");
    expect(notice?.body).not.toContain(newPassword);
  });

  it("changes email and phone with a recent password, telling the old address", async () => {
    const cookie = await fullSession(app, "mover", password);
    const email = await post(
      app,
      "/api/account/email",
      { email: " Moved@Example.org " },
      { cookie },
    );
    expect(email.status).toBe(204);
    const [toOld] = await outboxFor(database.db, "mover@example.org", 1);
    expect(toOld?.subject).toMatch(/email/i);
    const phone = await post(app, "/api/account/phone", { phone: "+1 (555) 010-0777" }, { cookie });
    expect(phone.status).toBe(204);
    const contact = await (await get("/api/account/contact", cookie)).json();
    expect(contact).toEqual({ email: "moved@example.org", phone: "+15550100777" });
    const [toNew] = await outboxFor(database.db, "moved@example.org", 1);
    expect(toNew?.subject).toMatch(/phone/i);

    const bad = await post(app, "/api/account/phone", { phone: "12" }, { cookie });
    expect(bad.status).toBe(422);
    clock.advance(5 * 60_000 + 1);
    const late = await post(app, "/api/account/email", { email: "late@example.org" }, { cookie });
    expect((await late.json()).error.code).toBe("AUTH-108");
  });

  it("answers an address in use as it answers a free one, tells its owner, and throttles changes", async () => {
    const cookie = await fullSession(app, "prober", password);
    const change = (email: string) => post(app, "/api/account/email", { email }, { cookie });
    const contact = async () => (await get("/api/account/contact", cookie)).json();
    const before = (await outboxFor(database.db, "other@example.org")).length;

    const taken = await change("other@example.org");
    expect(taken.status).toBe(204);
    expect(await taken.text()).toBe("");
    // Nothing moved, and neither address heard "your email was changed".
    expect(await contact()).toMatchObject({ email: "prober@example.org" });
    expect(await outboxFor(database.db, "prober@example.org")).toEqual([]);
    const toOwner = await outboxFor(database.db, "other@example.org");
    expect(toOwner).toHaveLength(before + 1);
    expect(toOwner[0]?.subject).toMatch(/tried to use your email/i);
    expect(toOwner[0]?.body).toContain("(other)");
    expect(toOwner[0]?.body).not.toContain("prober");

    const free = await change("prober.new@example.org");
    expect(free.status).toBe(taken.status);
    expect(await contact()).toMatchObject({ email: "prober.new@example.org" });

    // Every change counts against the account: the fourth within the hour must wait.
    await change("prober.3@example.org");
    const early = await change("prober.4@example.org");
    expect(early.status).toBe(204);
    const throttled = await change("prober.5@example.org");
    expect(throttled.status).toBe(429);
    expect((await throttled.json()).error.code).toBe("AUTH-105");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await contact()).toMatchObject({ email: "prober.4@example.org" });
  });

  it("keeps the address that receives sign-in codes until codes to it are switched off", async () => {
    const res = await signInRequest(app, "coded", password);
    // An account with codes by email has a second step: a partial session cannot change anything.
    const partial = sessionCookieFrom(res) ?? "";
    expect(
      (await post(app, "/api/account/email", { email: "x@example.org" }, { cookie: partial }))
        .status,
    ).toBe(401);
    const [row] = await database.db.select().from(users).where(eq(users.username, "coded"));
    expect(row?.email).toBe("coded@example.org");
  });

  it("lists the person's sign-ins and who else opened their record, nobody else's", async () => {
    const [owner] = await database.db.select().from(users).where(eq(users.username, "owner"));
    const [doctor] = await database.db.select().from(users).where(eq(users.username, "doctor"));
    const [record] = await database.db
      .insert(patients)
      .values({ accountId: owner?.id, name: "Owner" })
      .returning();
    const [otherRecord] = await database.db
      .insert(patients)
      .values({ name: "Someone" })
      .returning();
    const fakeContext = { req: { header: () => laptopUa } } as never;
    await recordAudit(database.db, fakeContext, {
      actorId: doctor?.id ?? null,
      action: "record.read",
      outcome: "success",
      patientId: record?.id ?? null,
    });
    await recordAudit(database.db, fakeContext, {
      actorId: doctor?.id ?? null,
      action: "record.read",
      outcome: "success",
      patientId: otherRecord?.id ?? null,
    });
    await recordAudit(database.db, fakeContext, {
      actorId: owner?.id ?? null,
      action: "record.read",
      outcome: "success",
      patientId: record?.id ?? null,
    });
    await signInRequest(app, "owner", "wrong password");
    const cookie = await signInAs("owner", phoneUa);
    const res = await get("/api/account/activity", cookie);
    const activity = (await res.json()) as AccountActivity;
    expect(activity.recordViews).toEqual([
      expect.objectContaining({ who: "Dr. Watson", role: "clinician", action: "read" }),
    ]);
    expect(activity.signIns[0]).toMatchObject({
      outcome: "success",
      method: "password",
      system: "Android",
    });
    expect(activity.signIns.some((s) => s.outcome === "failure")).toBe(true);

    const others = await signInAs("other", laptopUa);
    const theirs = (await (await get("/api/account/activity", others)).json()) as AccountActivity;
    expect(theirs.recordViews).toEqual([]);
    // "owner" had a refused attempt; "other" never did, and does not see owner's.
    expect(theirs.signIns.length).toBeGreaterThan(0);
    expect(theirs.signIns.every((s) => s.outcome === "success")).toBe(true);
  });

  it("lists who else opened the person's messages, appointments and account, and why", async () => {
    const byName = async (username: string) =>
      (await database.db.select().from(users).where(eq(users.username, username)))[0]?.id ?? null;
    const [opened = null, doctor = null, helper = null, other = null] = await Promise.all(
      ["opened", "doctor", "helper", "other"].map(byName),
    );
    const [record] = await database.db
      .insert(patients)
      .values({ accountId: opened, name: "Opened" })
      .returning();
    const fakeContext = { req: { header: () => laptopUa } } as never;
    const audit = (event: Parameters<typeof recordAudit>[2]) =>
      recordAudit(database.db, fakeContext, event);
    await audit({
      actorId: doctor,
      action: "inbox.read",
      outcome: "success",
      patientId: record?.id ?? null,
      details: { thread: crypto.randomUUID() },
    });
    await audit({
      actorId: doctor,
      action: "appointments.clinician-list",
      outcome: "success",
      patientId: record?.id ?? null,
    });
    await audit({
      actorId: helper,
      action: "support.person.read",
      outcome: "success",
      details: { kind: "account", id: opened },
    });
    await audit({
      actorId: helper,
      action: "support.action.clear-throttle",
      outcome: "success",
      details: { kind: "patient", id: record?.id, reason: "locked out" },
    });
    // Refused, or about someone else: not theirs to see.
    await audit({
      actorId: doctor,
      action: "inbox.read",
      outcome: "denied",
      patientId: record?.id ?? null,
    });
    await audit({
      actorId: helper,
      action: "support.person.read",
      outcome: "success",
      details: { kind: "account", id: other },
    });
    const cookie = await signInAs("opened", laptopUa);
    const activity = (await (await get("/api/account/activity", cookie)).json()) as AccountActivity;
    const seen = activity.recordViews.map(({ who, role, action, basis }) => [
      who,
      role,
      action,
      basis,
    ]);
    expect(seen).toHaveLength(4);
    expect(seen).toEqual(
      expect.arrayContaining([
        ["Dr. Watson", "clinician", "messages", "care-team"],
        ["Dr. Watson", "clinician", "appointments", "care-team"],
        ["Sam Helper", "support", "account", "support-request"],
        ["Sam Helper", "support", "account", "support-request"],
      ]),
    );
    expect(activity.recordViews.every((row) => !Number.isNaN(Date.parse(row.at)))).toBe(true);
  });

  it("answers 401 to every account route without a session", async () => {
    for (const path of [
      "/api/account/sessions",
      "/api/account/session-time",
      "/api/account/contact",
      "/api/account/activity",
    ]) {
      expect((await app.request(path)).status).toBe(401);
    }
    for (const path of [
      "/api/account/sessions/end-others",
      "/api/account/password",
      "/api/account/email",
    ]) {
      expect((await post(app, path, {})).status).toBe(401);
    }
  });
});
