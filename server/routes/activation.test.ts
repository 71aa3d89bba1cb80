import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ActivationRefused,
  activationPolicy,
  issueActivationCode,
} from "../auth/activation-codes.ts";
import type { OpenDatabase } from "../db/open.ts";
import { activationCodes, auditEvents, patients, users } from "../db/schema.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { post, signInRequest } from "../test/sign-in.ts";

const day = 86_400_000;
const password = "violet kettle harbour";

describe.each(testDatabaseKinds())("activation on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  let address = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, {
      now: clock.now,
      env: { TRUST_PROXY: "1", ACTIVATION_CODE_DAYS: "30" },
    }).app;
  });
  afterAll(() => database.close());

  async function newPatient(birthDate: string | null = "1961-07-04", name = "Walter Brennan") {
    const [row] = await database.db.insert(patients).values({ name, birthDate }).returning();
    if (!row) throw new Error("no patient");
    return row.id;
  }

  /** Each call from its own address, so the address bucket is not what a test measures. */
  const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    post(app, `/api/access/activation/${path}`, body, {
      "x-forwarded-for": `198.51.100.${++address % 250}`,
      ...headers,
    });

  const codeOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  it("issues random codes, stores only their digest, and keeps one live code per patient", async () => {
    const patientId = await newPatient();
    const first = await issueActivationCode(database.db, patientId, { now: clock.now() });
    const second = await issueActivationCode(database.db, patientId, { now: clock.now() });
    expect(first.code).toMatch(
      /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
    );
    expect(second.code).not.toBe(first.code);
    expect(first.expiresAt.getTime() - clock.now().getTime()).toBe(30 * day);
    const rows = await database.db
      .select()
      .from(activationCodes)
      .where(eq(activationCodes.patientId, patientId));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(second.code.replaceAll("-", ""));
    // The first letter is worthless now.
    const res = await send("check", { code: first.code, birthDate: "1961-07-04" });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("AUTH-112");
    expect((await send("check", { code: second.code, birthDate: "1961-07-04" })).status).toBe(204);
  });

  it("refuses to issue a code for an unknown patient or one with an account", async () => {
    await expect(issueActivationCode(database.db, crypto.randomUUID())).rejects.toThrow(
      ActivationRefused,
    );
    const [kai] = await database.db
      .insert(users)
      .values({ username: "linked", displayName: "L", role: "patient", passwordHash: "x" })
      .returning();
    const [linked] = await database.db
      .insert(patients)
      .values({ name: "L", birthDate: "1990-01-01", accountId: kai?.id })
      .returning();
    await expect(issueActivationCode(database.db, linked?.id ?? "")).rejects.toMatchObject({
      reason: "already-active",
    });
  });

  it("answers a wrong code and a wrong birth date the same way", async () => {
    const patientId = await newPatient("1970-02-03");
    const { code } = await issueActivationCode(database.db, patientId, { now: clock.now() });
    const wrongDate = await send("check", { code, birthDate: "1970-02-04" });
    const wrongCode = await send("check", { code: "ABCD-EFGH-JKMN", birthDate: "1970-02-03" });
    const both = await send("check", { code: "ABCD-EFGH-JKMN", birthDate: "1900-01-01" });
    for (const res of [wrongDate, wrongCode, both]) expect(res.status).toBe(400);
    const bodies = await Promise.all([wrongDate, wrongCode, both].map((r) => r.text()));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toBe('{"error":{"code":"AUTH-112"}}');
    // Typed loosely, as read out over the phone: lower case, spaces, O for 0.
    const loose = code.toLowerCase().replaceAll("-", " ").replaceAll("0", "o");
    expect((await send("check", { code: loose, birthDate: "1970-02-03" })).status).toBe(204);
  });

  it("creates the account, links the record, signs the person in, and works only once", async () => {
    const patientId = await newPatient("1980-03-27", "Lina Haddad");
    const { code } = await issueActivationCode(database.db, patientId, { now: clock.now() });
    const res = await send("finish", {
      code,
      birthDate: "1980-03-27",
      username: "Lina.H",
      password,
      locale: "es",
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      me: { username: string; displayName: string; locale: string };
    };
    expect(body.me).toMatchObject({ username: "lina.h", displayName: "Lina Haddad", locale: "es" });
    const cookie = sessionCookieFrom(res);
    expect(cookie).toBeDefined();
    const me = await app.request("/api/me", { headers: { cookie: cookie ?? "" } });
    expect(me.status).toBe(200);
    const [patient] = await database.db.select().from(patients).where(eq(patients.id, patientId));
    const [user] = await database.db.select().from(users).where(eq(users.username, "lina.h"));
    expect(patient?.accountId).toBe(user?.id);
    expect(user?.passwordHash).not.toContain(password);
    // The password chosen is the one that signs in.
    expect((await signInRequest(app, "lina.h", password)).status).toBe(200);
    // Single use: the same code and date now say "spent", to their holder only.
    const again = await send("check", { code, birthDate: "1980-03-27" });
    expect(again.status).toBe(410);
    expect(await codeOf(again)).toBe("AUTH-113");
    const audited = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "access.activation"));
    expect(audited.some((e) => e.outcome === "success" && e.patientId === patientId)).toBe(true);
    expect(JSON.stringify(audited)).not.toContain(code);
  });

  it("expires codes after the configured number of days", async () => {
    const patientId = await newPatient("1955-12-01");
    const { code, expiresAt } = await issueActivationCode(database.db, patientId, {
      now: clock.now(),
      validForMs: 2 * day,
    });
    expect(expiresAt.getTime()).toBe(clock.now().getTime() + 2 * day);
    expect((await send("check", { code, birthDate: "1955-12-01" })).status).toBe(204);
    clock.advance(2 * day);
    const late = await send("check", { code, birthDate: "1955-12-01" });
    expect(await codeOf(late)).toBe("AUTH-113");
    // The same wrong-date answer as ever for someone without the date.
    expect(await codeOf(await send("check", { code, birthDate: "1955-12-02" }))).toBe("AUTH-112");
  });

  it("refuses weak passwords and taken usernames without using up the code", async () => {
    const patientId = await newPatient("1949-05-05");
    const { code } = await issueActivationCode(database.db, patientId, { now: clock.now() });
    const finish = (username: string, chosen: string) =>
      send("finish", { code, birthDate: "1949-05-05", username, password: chosen });
    const common = await finish("walter", "password1");
    expect(common.status).toBe(422);
    expect(await common.json()).toEqual({
      error: { code: "REQ-302", fields: [{ field: "password", problem: "passwordCommon" }] },
    });
    const short = (await (await finish("walter", "short")).json()) as object;
    expect(JSON.stringify(short)).toContain("passwordTooShort");
    const like = (await (await finish("walter", "walter1234")).json()) as object;
    expect(JSON.stringify(like)).toContain("passwordLikeUsername");
    expect(await codeOf(await finish("lina.h", password))).toBe("AUTH-114");
    expect((await finish("walter.b", password)).status).toBe(200);
  });

  it("refuses a username that looks like a taken one (UTS #39 skeleton), and signs the look-alike in to the real account", async () => {
    const patientId = await newPatient("1950-03-03");
    const { code } = await issueActivationCode(database.db, patientId, { now: clock.now() });
    const finish = (username: string) =>
      send("finish", { code, birthDate: "1950-03-03", username, password: "amber lantern meadow" });
    // Cyrillic "і" (U+0456) for the Latin "i", then Cyrillic "а" (U+0430) for "a".
    const lookAlikes = ["l\u0456na.h", "lin\u0430.h", "LIN\u0410.H"];
    for (const name of lookAlikes) expect(await codeOf(await finish(name))).toBe("AUTH-117");
    expect(await codeOf(await finish("lina.h"))).toBe("AUTH-114");
    const taken = await database.db.select().from(users).where(eq(users.username, "lina.h"));
    expect(taken).toHaveLength(1);
    expect(taken[0]?.usernameSkeleton).toBe("lina.h");
    // Typed at sign-in, the look-alike names the one account it looks like.
    expect((await signInRequest(app, "l\u0456na.h", password)).status).toBe(200);
    const made = await finish("walter.c");
    expect(made.status).toBe(200);
    const [walter] = await database.db.select().from(users).where(eq(users.username, "walter.c"));
    expect(walter?.usernameSkeleton).toBe("walter.c");
  });

  it("throttles tries per code, whoever and wherever they come from", async () => {
    const patientId = await newPatient("1991-09-09");
    const { code } = await issueActivationCode(database.db, patientId, { now: clock.now() });
    for (let i = 0; i < activationPolicy.freeFailures; i++) {
      expect(await codeOf(await send("check", { code, birthDate: `1991-09-1${i}` }))).toBe(
        "AUTH-112",
      );
    }
    // One more failure, then the next try must wait, even with the right date.
    await send("check", { code, birthDate: "1991-01-01" });
    const waiting = await send("check", { code, birthDate: "1991-09-09" });
    expect(waiting.status).toBe(429);
    expect(await codeOf(waiting)).toBe("AUTH-105");
    expect(Number(waiting.headers.get("retry-after"))).toBeGreaterThan(0);
    // An unknown code is throttled the same way, so throttling tells nothing either.
    const unknown = "ZZZZ-ZZZZ-ZZZZ";
    for (let i = 0; i <= activationPolicy.freeFailures; i++)
      await send("check", { code: unknown, birthDate: "1991-09-09" });
    expect((await send("check", { code: unknown, birthDate: "1991-09-09" })).status).toBe(429);
    // After the wait, the owner gets in.
    clock.advance(activationPolicy.maxDelayMs);
    expect((await send("check", { code, birthDate: "1991-09-09" })).status).toBe(204);
  });

  it("needs the full date of birth on file", async () => {
    const patientId = await newPatient("1974");
    const { code } = await issueActivationCode(database.db, patientId, { now: clock.now() });
    expect(await codeOf(await send("check", { code, birthDate: "1974-01-01" }))).toBe("AUTH-112");
    const bad = await send("check", { code, birthDate: "1974" });
    expect(bad.status).toBe(422);
  });
});
