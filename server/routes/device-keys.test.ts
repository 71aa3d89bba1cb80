import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountSession } from "../../shared/contracts/account.ts";
import type { DeviceKey } from "../../shared/contracts/device-keys.ts";
import { hashPassword } from "../auth/password.ts";
import { recoveryWorkSettled } from "../auth/password-reset.ts";
import { sessionIdOf } from "../auth/session.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, deviceKeys, users } from "../db/schema.ts";
import { outboxFor } from "../messaging/outbox.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { enableAuthenticator, fullSession, post, signInRequest } from "../test/sign-in.ts";

const password = "a quiet harbour at dusk";
const day = 86_400_000;
const patientNames = ["pat", "pia", "ron", "sue", "tim", "una", "val", "wen", "xia", "yan", "zed"];

/**
 * Device keys (ADR 29; shared/contracts/device-keys.ts): the key a device's lock needs from
 * the server, refused (410 AUTH-148) once the device was cut off, whatever its session.
 */
describe.each(testDatabaseKinds())("device keys on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  const ids: Record<string, string> = {};
  /** Every key the server handed out, to prove none of them reached the audit log. */
  const issued: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "1" } }).app;
    const passwordHash = await hashPassword(password);
    await database.db.insert(users).values([
      ...patientNames.map((username) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
        email: `${username}@example.org`,
        phone: "+15550100123",
      })),
      { username: "sol", displayName: "Sol Support", role: "support" as const, passwordHash },
      { username: "sid", displayName: "Sid Support", role: "support" as const, passwordHash },
    ]);
    for (const row of await database.db.select().from(users)) ids[row.username] = row.id;
  });
  afterAll(() => database.close());

  const signIn = (username: string) => fullSession(app, username, password);
  const errorCode = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  async function create(cookie: string): Promise<DeviceKey> {
    const res = await post(app, "/api/device-keys", {}, { cookie });
    expect(res.status).toBe(201);
    const created = (await res.json()) as DeviceKey;
    issued.push(created.key);
    return created;
  }
  const open = (id: string, cookie = "", address = "198.51.100.1") =>
    post(app, "/api/device-keys/open", { id }, { cookie, "x-forwarded-for": address });
  async function expectCutOff(id: string, cookie = "") {
    const res = await open(id, cookie);
    expect(res.status).toBe(410);
    expect(await errorCode(res)).toBe("AUTH-148");
  }
  async function rowOf(id: string) {
    const [row] = await database.db.select().from(deviceKeys).where(eq(deviceKeys.id, id));
    if (!row) throw new Error(`no device key ${id}`);
    return row;
  }

  it("creates a key for a full session only, bound to it", async () => {
    const none = await post(app, "/api/device-keys", {});
    expect(none.status).toBe(401);
    expect(await errorCode(none)).toBe("AUTH-102");

    const full = await signIn("pat");
    await enableAuthenticator(app, full, clock.now);
    const started = await signInRequest(app, "pat", password);
    const partial = sessionCookieFrom(started) ?? "";
    expect(await started.json()).toHaveProperty("secondStep");
    const half = await post(app, "/api/device-keys", {}, { cookie: partial });
    expect(half.status).toBe(401);
    expect(await errorCode(half)).toBe("AUTH-102");

    const created = await create(full);
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-/);
    expect(created.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await create(full)).key).not.toBe(created.key);
    const row = await rowOf(created.id);
    expect(row).toMatchObject({
      userId: ids.pat,
      sessionId: sessionIdOf(full.split("=")[1] ?? ""),
      revokedAt: null,
      revokedReason: null,
    });
  });

  it("is closed to support staff, like the record's sync", async () => {
    const staff = await signIn("sol");
    const res = await post(app, "/api/device-keys", {}, { cookie: staff });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("AUTH-103");
  });

  it("opens the same key for its owner, in a later session too, and rebinds it", async () => {
    const first = await signIn("pia");
    const created = await create(first);
    const again = await open(created.id, first);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(created);

    clock.advance(2 * 3_600_000); // the first session is long gone
    const later = await signIn("pia");
    const opened = await open(created.id, later);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual(created);
    const row = await rowOf(created.id);
    expect(row.sessionId).toBe(sessionIdOf(later.split("=")[1] ?? ""));
    expect(row.lastSeenAt.getTime()).toBe(clock.now().getTime());
  });

  it("answers 401 AUTH-102 with no session, or a partial one, and keeps the key", async () => {
    const cookie = await signIn("ron");
    const created = await create(cookie);
    const none = await open(created.id);
    expect(none.status).toBe(401);
    expect(await errorCode(none)).toBe("AUTH-102");
    const partial = sessionCookieFrom(await signInRequest(app, "pat", password)) ?? "";
    const half = await open(created.id, partial);
    expect(half.status).toBe(401);
    expect((await rowOf(created.id)).revokedAt).toBeNull();
    expect((await open(created.id, cookie)).status).toBe(200);
  });

  it("answers 403 AUTH-103 to another account's session", async () => {
    const mine = await create(await signIn("ron"));
    const theirs = await signIn("pia");
    const res = await open(mine.id, theirs);
    expect(res.status).toBe(403);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("AUTH-103");
    expect(text).not.toContain(mine.key);
    expect((await rowOf(mine.id)).revokedAt).toBeNull();
  });

  it("answers 410 AUTH-148 for an id it does not know, signed in or not; 422 for a bad one", async () => {
    const unknown = "0b6e1a52-3f5d-4c4e-9a57-6a7d5f1c2b3a";
    await expectCutOff(unknown);
    await expectCutOff(unknown, await signIn("ron"));
    const bad = await open("not-a-uuid");
    expect(bad.status).toBe(422);
    expect(await errorCode(bad)).toBe("REQ-302");
  });

  it("keeps the key through the person's own sign-out", async () => {
    const cookie = await signIn("sue");
    const created = await create(cookie);
    expect((await post(app, "/api/auth/sign-out", {}, { cookie })).status).toBe(204);
    expect((await open(created.id)).status).toBe(401);
    const back = await signIn("sue");
    expect(await (await open(created.id, back)).json()).toEqual(created);
  });

  it("sign out everywhere revokes every other device's key, a signed-out one's too", async () => {
    const phone = await signIn("tim");
    const phoneKey = await create(phone);
    // A lost tablet whose session already ended: its copy must be cut off all the same.
    const tablet = await signIn("tim");
    const tabletKey = await create(tablet);
    await post(app, "/api/auth/sign-out", {}, { cookie: tablet });
    const laptop = await signIn("tim");
    const laptopKey = await create(laptop);

    const res = await post(app, "/api/account/sessions/end-others", {}, { cookie: laptop });
    expect(res.status).toBe(200);
    await expectCutOff(phoneKey.id, phone);
    await expectCutOff(tabletKey.id);
    expect((await open(laptopKey.id, laptop)).status).toBe(200);
    expect(await rowOf(phoneKey.id)).toMatchObject({ revokedReason: "signed-out-everywhere" });
    expect(await rowOf(tabletKey.id)).toMatchObject({ revokedReason: "signed-out-everywhere" });

    // Signing in again on the phone does not bring its old key back.
    await expectCutOff(phoneKey.id, await signIn("tim"));
    const [revocation] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "device-key.revoke"), eq(auditEvents.actorId, ids.tim ?? "")),
      );
    expect(revocation?.details).toMatchObject({
      reason: "signed-out-everywhere",
      deviceKeys: expect.arrayContaining([phoneKey.id, tabletKey.id]),
    });
    expect(revocation?.details).not.toMatchObject({
      deviceKeys: expect.arrayContaining([laptopKey.id]),
    });
  });

  it("ending one listed session revokes that device's key only", async () => {
    const phone = await signIn("una");
    const phoneKey = await create(phone);
    const laptop = await signIn("una");
    const laptopKey = await create(laptop);
    const listed = await app.request("/api/account/sessions", { headers: { cookie: laptop } });
    const { sessions } = (await listed.json()) as { sessions: AccountSession[] };
    const other = sessions.find((s) => !s.current);
    const ended = await post(
      app,
      "/api/account/sessions/end",
      { id: other?.id },
      { cookie: laptop },
    );
    expect(ended.status).toBe(204);
    await expectCutOff(phoneKey.id);
    expect(await rowOf(phoneKey.id)).toMatchObject({ revokedReason: "session-ended-from-list" });
    expect((await open(laptopKey.id, laptop)).status).toBe(200);
  });

  it("a password change revokes every other device's key; this device's follows it", async () => {
    const phone = await signIn("val");
    const phoneKey = await create(phone);
    const laptop = await signIn("val");
    const laptopKey = await create(laptop);
    const res = await post(
      app,
      "/api/account/password",
      { newPassword: "a new lantern by the sea" },
      { cookie: laptop },
    );
    expect(res.status).toBe(204);
    const renewed = sessionCookieFrom(res) ?? "";
    await expectCutOff(phoneKey.id, phone);
    expect(await rowOf(phoneKey.id)).toMatchObject({ revokedReason: "password-changed" });
    // Bound to the new session before this device even asks again.
    expect((await rowOf(laptopKey.id)).sessionId).toBe(sessionIdOf(renewed.split("=")[1] ?? ""));
    expect(await (await open(laptopKey.id, renewed)).json()).toEqual(laptopKey);
  });

  it("a password reset revokes every key of the account", async () => {
    const created = await create(await signIn("wen"));
    const send = (path: string, body: unknown) =>
      post(app, `/api/access/${path}`, body, { "x-forwarded-for": "203.0.113.9" });
    expect((await send("password-reset/start", { username: "wen" })).status).toBe(202);
    await recoveryWorkSettled();
    const [message] = await outboxFor(database.db, "wen@example.org", 1);
    const code = /\b(\d{6})\b/.exec(message?.body ?? "")?.[1];
    const reset = { username: "wen", code, password: "another harbour at dawn" };
    expect((await send("password-reset/finish", reset)).status).toBe(204);
    await expectCutOff(created.id);
    expect(await rowOf(created.id)).toMatchObject({ revokedReason: "password-changed" });
  });

  it("support ending the sessions, or an approved identity check, revokes every key", async () => {
    const staff = await signIn("sol");
    const act = (who: string, path: string, body: unknown) =>
      post(app, `/api/support/accounts/${ids[who]}/${path}`, body, { cookie: staff });
    const reason = "Caller lost their phone";
    const answers = { email: "xia@example.org", phone: "+1 555 010 0123" };
    const verified = await act("xia", "verification", { answers, reason });
    expect(verified.status, await verified.clone().text()).toBe(200);

    const phone = await signIn("xia");
    const first = await create(phone);
    expect((await act("xia", "actions/end-sessions", { reason })).status).toBe(200);
    await expectCutOff(first.id);
    expect(await rowOf(first.id)).toMatchObject({ revokedReason: "support" });
    const [revocation] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "device-key.revoke"), eq(auditEvents.actorId, ids.sol ?? "")),
      );
    expect(revocation?.details).toMatchObject({ userId: ids.xia, reason: "support" });

    const second = await create(await signIn("xia"));
    const recorded = await act("xia", "identity-checks", {
      kind: "in-person",
      document: "Passport seen at the desk",
      contact: { channel: "email", email: "xia.new@example.org" },
      reason,
    });
    expect(recorded.status).toBe(201);
    const { id } = (await recorded.json()) as { id: string };
    const approver = await signIn("sid");
    const approved = await post(
      app,
      `/api/support/identity-checks/${id}/decision`,
      { approve: true, reason: "Document checked" },
      { cookie: approver },
    );
    expect(approved.status).toBe(200);
    await expectCutOff(second.id);
    expect(await rowOf(second.id)).toMatchObject({ revokedReason: "support" });
    // Signed in again after the reset, the device still learns its copy must go.
    await expectCutOff(second.id, await signIn("xia"));
  });

  it("refuses, and revokes, a key not opened for longer than the limit (30 days)", async () => {
    const cookie = await signIn("yan");
    const kept = await create(cookie);
    const idle = await create(cookie);
    clock.advance(29 * day);
    expect((await open(kept.id, await signIn("yan"))).status).toBe(200);
    clock.advance(2 * day);
    const now = await signIn("yan");
    await expectCutOff(idle.id, now);
    expect(await rowOf(idle.id)).toMatchObject({ revokedReason: "not-seen" });
    expect((await open(kept.id, now)).status).toBe(200);
  });

  it("limits signed-out opens per address (REQ-306)", async () => {
    const unknown = "5f0c8b2e-7a1d-4e3b-8c9f-1d2e3f4a5b6c";
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await open(unknown, "", "192.0.2.77")).status);
    expect(statuses.slice(0, 31)).toEqual(Array(31).fill(410));
    expect(statuses[31]).toBe(429);
    // Signed in, the session is what answers for the caller.
    expect((await open(unknown, await signIn("zed"), "192.0.2.77")).status).toBe(410);
  });

  it("audits every create, open and revocation, and never writes a key", async () => {
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(like(auditEvents.action, "device-key.%"));
    const count = (action: string, outcome: string) =>
      events.filter((e) => e.action === action && e.outcome === outcome).length;
    expect(count("device-key.create", "success")).toBeGreaterThanOrEqual(issued.length);
    expect(count("device-key.open", "success")).toBeGreaterThan(0);
    expect(count("device-key.open", "failure")).toBeGreaterThan(0); // no session
    expect(count("device-key.open", "denied")).toBeGreaterThan(0); // cut off, another account
    const reasons = events
      .filter((e) => e.action === "device-key.revoke")
      .map((e) => (e.details as { reason: string }).reason);
    expect(new Set(reasons)).toEqual(
      new Set([
        "signed-out-everywhere",
        "session-ended-from-list",
        "password-changed",
        "support",
        "not-seen",
      ]),
    );
    const everything = JSON.stringify(await database.db.select().from(auditEvents));
    expect(issued.length).toBeGreaterThan(10);
    for (const key of issued) expect(everything).not.toContain(key);
  });

  it("is same-origin only, like every state change", async () => {
    const res = await app.request("/api/device-keys/open", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ id: "5f0c8b2e-7a1d-4e3b-8c9f-1d2e3f4a5b6c" }),
    });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("SEC-201");
  });
});
