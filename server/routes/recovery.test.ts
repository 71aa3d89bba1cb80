import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeLifetimeMs } from "../auth/one-time-codes.ts";
import { hashPassword } from "../auth/password.ts";
import {
  prepareResetCode,
  type ResetAskStep,
  recoveryRequestPolicy,
  recoveryWorkSettled,
  resetCodePolicy,
} from "../auth/password-reset.ts";
import type { Deps } from "../context.ts";
import type { Database, OpenDatabase } from "../db/open.ts";
import { oneTimeCodes, outboxMessages, sessions, users } from "../db/schema.ts";
import { outboxFor } from "../messaging/outbox.ts";
import { makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { codeAt, enableAuthenticator, fullSession, post, signInRequest } from "../test/sign-in.ts";

const oldPassword = "old kettle harbour";
const newPassword = "new violet lantern";

describe.each(testDatabaseKinds())("forgotten password and username on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  let address = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "1" } }).app;
    const passwordHash = await hashPassword(oldPassword);
    const people = ["rosa", "tess", "uma", "vic", "wes", "xena"];
    await database.db.insert(users).values(
      people.map((username, i) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
        email: `${username}@example.org`,
        phone: username === "rosa" ? "+15550100123" : null,
        locale: i === 1 ? ("es" as const) : ("en" as const),
      })),
    );
  });
  afterAll(() => database.close());

  const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    post(app, `/api/access/${path}`, body, {
      "x-forwarded-for": `203.0.113.${++address % 250}`,
      ...headers,
    });
  const codeOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  async function sentTo(to: string) {
    await recoveryWorkSettled();
    const messages = await outboxFor(database.db, to, 5);
    return messages.map((m) => ({ ...m, code: /\b(\d{6})\b/.exec(m.body)?.[1] ?? "" }));
  }

  it("runs the same awaited steps and statements before answering, whether the name exists or not", async () => {
    const [yara] = await database.db
      .insert(users)
      .values({
        username: "yara",
        displayName: "yara",
        role: "patient",
        passwordHash: "!",
        email: "yara@example.org",
      })
      .returning();
    const sent: string[] = [];
    const path = (user: typeof yara) => {
      const statements: string[] = [];
      const steps: ResetAskStep[] = [];
      const deps = {
        db: counting(database.db, statements),
        transport: { send: async ({ to }: { to: string }) => void sent.push(to) },
      } as unknown as Deps;
      return { statements, steps, ask: () => prepareResetCode(deps, user, clock.now(), steps) };
    };
    const known = path(yara);
    const unknown = path(undefined);
    const sendKnown = await known.ask();
    const sendUnknown = await unknown.ask();
    expect(known.statements).toEqual(["transaction", "select", "select", "update", "insert"]);
    expect(unknown.statements).toEqual(known.statements);
    expect(known.steps).toEqual(["code-issued"]);
    expect(unknown.steps).toEqual(["code-rehearsed"]);
    // The code is kept before the answer; only the hand-off to the transport comes after it.
    const codes = await database.db
      .select()
      .from(oneTimeCodes)
      .where(eq(oneTimeCodes.userId, yara?.id ?? ""));
    expect(codes).toHaveLength(1);
    expect(sent).toEqual([]);
    await sendUnknown();
    await sendKnown();
    expect(sent).toEqual(["yara@example.org"]);
  });

  async function askForCode(username: string) {
    const res = await send("password-reset/start", { username });
    expect(res.status).toBe(202);
    const [latest] = await sentTo(`${username}@example.org`);
    if (!latest?.code) throw new Error(`no code for ${username}`);
    return latest.code;
  }

  it("answers the same for an account that exists and one that does not, and sends only to the real one", async () => {
    const before = (await database.db.select().from(outboxMessages)).length;
    const known = await send("password-reset/start", { username: "rosa" });
    const unknown = await send("password-reset/start", { username: "nobody-here" });
    const byEmail = await send("password-reset/start", { username: "nobody@example.org" });
    expect([known.status, unknown.status, byEmail.status]).toEqual([202, 202, 202]);
    const bodies = await Promise.all([known, unknown, byEmail].map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? "")).toEqual({ minutes: codeLifetimeMs / 60_000 });
    // One code, by email and SMS both, and nothing for the names nobody has.
    const [email] = await sentTo("rosa@example.org");
    const [sms] = await sentTo("+15550100123");
    expect(email?.code).toMatch(/^\d{6}$/);
    expect(sms?.code).toBe(email?.code);
    const after = (await database.db.select().from(outboxMessages)).length;
    expect(after - before).toBe(2);
  });

  it("sets the new password, ends every session, and still asks for the second step", async () => {
    // Two devices signed in before the reset.
    const other = await fullSession(app, "tess", oldPassword);
    const cookie = await fullSession(app, "tess", oldPassword);
    const { key } = await enableAuthenticator(app, cookie, clock.now);
    expect((await app.request("/api/me", { headers: { cookie: other } })).status).toBe(200);
    expect((await app.request("/api/me", { headers: { cookie } })).status).toBe(200);

    const code = await askForCode("tess");
    const [message] = await sentTo("tess@example.org");
    expect(message?.subject).toContain("contraseña"); // in the person's language
    const res = await send("password-reset/finish", {
      username: "tess",
      code,
      password: newPassword,
    });
    expect(res.status).toBe(204);
    // Nobody is signed in by a reset.
    expect(res.headers.getSetCookie().some((c) => /hearth_session=[^;]/.test(c))).toBe(false);
    expect((await app.request("/api/me", { headers: { cookie } })).status).toBe(401);
    if (other)
      expect((await app.request("/api/me", { headers: { cookie: other } })).status).toBe(401);
    const [tess] = await database.db.select().from(users).where(eq(users.username, "tess"));
    const left = await database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, tess?.id ?? ""));
    expect(left).toHaveLength(0);

    expect((await signInRequest(app, "tess", oldPassword)).status).toBe(401);
    const signIn = await signInRequest(app, "tess", newPassword);
    expect(signIn.status).toBe(200);
    expect(await signIn.json()).toEqual({
      secondStep: { methods: expect.arrayContaining(["totp"]) },
    });
    // The second step is still the authenticator's, not the emailed reset code.
    const partial = signIn.headers.getSetCookie()[0]?.split(";")[0] ?? "";
    const reused = await post(app, "/api/auth/second-step/totp", { code }, { cookie: partial });
    expect(reused.status).toBe(401);
    expect((await app.request("/api/me", { headers: { cookie: partial } })).status).toBe(401);
    expect(codeAt(key, clock.now())).toMatch(/^\d{6}$/);
    // And the person is told.
    const notices = await sentTo("tess@example.org");
    expect(notices[0]?.body).toContain("tess");
  });

  it("uses a code once", async () => {
    const code = await askForCode("uma");
    const body = { username: "uma", code, password: newPassword };
    expect((await send("password-reset/finish", body)).status).toBe(204);
    const again = await send("password-reset/finish", { ...body, password: "another long one" });
    expect(again.status).toBe(400);
    expect(await codeOf(again)).toBe("AUTH-115");
  });

  it("lets a code expire after its ten minutes", async () => {
    const code = await askForCode("vic");
    clock.advance(codeLifetimeMs);
    const late = await send("password-reset/finish", {
      username: "vic",
      code,
      password: newPassword,
    });
    expect(await codeOf(late)).toBe("AUTH-115");
    expect((await signInRequest(app, "vic", oldPassword)).status).toBe(200);
  });

  it("refuses a weak password without using up the code", async () => {
    clock.advance(2 * 60_000);
    const code = await askForCode("wes");
    const common = await send("password-reset/finish", {
      username: "wes",
      code,
      password: "iloveyou1",
    });
    expect(await common.json()).toEqual({
      error: { code: "REQ-302", fields: [{ field: "password", problem: "passwordCommon" }] },
    });
    const like = await send("password-reset/finish", {
      username: "wes@example.org",
      code,
      password: "wes@example.org",
    });
    expect(JSON.stringify(await like.json())).toContain("passwordLikeUsername");
    expect(
      (await send("password-reset/finish", { username: "wes", code, password: newPassword }))
        .status,
    ).toBe(204);
  });

  it("answers a wrong code and an unknown name the same way", async () => {
    const known = await send("password-reset/finish", {
      username: "xena",
      code: "123456",
      password: newPassword,
    });
    const unknown = await send("password-reset/finish", {
      username: "nobody-here",
      code: "123456",
      password: newPassword,
    });
    expect(known.status).toBe(400);
    expect(await known.text()).toBe(await unknown.text());
  });

  it("throttles wrong codes per name, for names that exist and names that do not", async () => {
    clock.advance(24 * 3_600_000);
    for (const username of ["xena", "ghost"]) {
      let status = 0;
      for (let i = 0; i <= resetCodePolicy.freeFailures + 1 && status !== 429; i++) {
        status = (
          await send("password-reset/finish", { username, code: "000000", password: newPassword })
        ).status;
      }
      expect(status, username).toBe(429);
    }
  });

  it("throttles asking, the same for every name", async () => {
    clock.advance(24 * 3_600_000);
    for (const username of ["rosa", "ghost"]) {
      const statuses: number[] = [];
      for (let i = 0; i <= recoveryRequestPolicy.freeFailures + 1; i++)
        statuses.push((await send("password-reset/start", { username })).status);
      expect(statuses.at(-1), username).toBe(429);
      expect(statuses.slice(0, recoveryRequestPolicy.freeFailures)).not.toContain(429);
    }
  });

  it("sends a forgotten username to the email on file, and answers the same when none has it", async () => {
    clock.advance(24 * 3_600_000);
    const known = await send("username-reminder", { email: "Rosa@Example.org" });
    const unknown = await send("username-reminder", { email: "stranger@example.org" });
    expect(known.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
    const [reminder] = await sentTo("rosa@example.org");
    expect(reminder?.subject).toBe("Your Hearth username");
    expect(reminder?.body).toContain("rosa");
    expect(await outboxFor(database.db, "stranger@example.org")).toHaveLength(0);
    const bad = await send("username-reminder", { email: "not an address" });
    expect(bad.status).toBe(422);
  });
});

const counted = new Set(["select", "insert", "update", "delete", "execute", "transaction"]);

/** `db`, noting each query it starts (and each inside its transactions) in `calls`. */
function counting(db: Database, calls: string[]): Database {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || !counted.has(String(prop))) return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        if (prop !== "transaction") return value.apply(target, args);
        const [work, ...rest] = args as [(tx: Database) => unknown, ...unknown[]];
        return value.call(target, (tx: Database) => work(counting(tx, calls)), ...rest);
      };
    },
  });
}
