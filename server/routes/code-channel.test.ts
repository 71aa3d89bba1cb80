import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attemptsPerCode,
  codeLifetimeMs,
  codesPerHour,
  issueCode,
  redeemCode,
} from "../auth/one-time-codes.ts";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { oneTimeCodes, users } from "../db/schema.ts";
import { outboxFor } from "../messaging/outbox.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { cookieFrom, fullSession, post, signInRequest } from "../test/sign-in.ts";

const password = "correct horse battery";

/** Codes by email or SMS as a second step (ADR 19), through the development outbox. */
describe.each(testDatabaseKinds())("codes by email and SMS on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    const passwordHash = await hashPassword(password);
    const people = ["mail", "text", "slow", "wrong", "late", "nomail", "vieja"];
    await database.db.insert(users).values(
      people.map((username) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
        email: username === "nomail" ? null : `${username}@example.org`,
        phone: username === "text" ? "+15550100001" : null,
        locale: username === "vieja" ? ("es" as const) : ("en" as const),
      })),
    );
    for (const name of people.filter((p) => p !== "nomail" && p !== "text")) {
      await turnOn(name, "email");
    }
    await turnOn("text", "sms");
  });
  afterAll(() => database.close());

  /** The newest message sent to an address, and the 6-digit code in it. */
  async function lastMessage(to: string) {
    const [message] = await outboxFor(database.db, to, 1);
    if (!message) throw new Error(`nothing sent to ${to}`);
    return { ...message, code: /\b(\d{6})\b/.exec(message.body)?.[1] ?? "" };
  }

  async function turnOn(username: string, channel: "email" | "sms") {
    const cookie = await fullSession(app, username, password);
    const started = await post(app, "/api/account/code-channel/start", { channel }, { cookie });
    expect(started.status).toBe(202);
    const to = channel === "email" ? `${username}@example.org` : "+15550100001";
    const { code } = await lastMessage(to);
    const confirmed = await post(app, "/api/account/code-channel/confirm", { code }, { cookie });
    expect(confirmed.status).toBe(200);
    clock.advance(61_000);
  }

  async function passwordStep(username: string, headers: Record<string, string> = {}) {
    const res = await signInRequest(app, username, password, headers);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.secondStep.methods).toContain(username === "text" ? "sms-code" : "email-code");
    return sessionCookieFrom(res) ?? "";
  }
  const send = (cookie: string, channel = "email") =>
    post(app, "/api/auth/second-step/send-code", { channel }, { cookie });
  const answer = (cookie: string, code: string) =>
    post(app, "/api/auth/second-step/sent-code", { code }, { cookie });

  it("signs in with a code sent by email, once (ASVS 6.6.2)", async () => {
    const partial = await passwordStep("mail");
    const sent = await send(partial);
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({
      channel: "email",
      to: "m•••@example.org",
      resendAfterSeconds: 60,
    });
    const { code, subject, body } = await lastMessage("mail@example.org");
    expect(code).toMatch(/^\d{6}$/);
    expect(subject).toBe("Your Hearth sign-in code");
    expect(body).toContain("10 minutes");
    const done = await answer(partial, code);
    expect(done.status).toBe(200);
    expect((await done.json()).me.username).toBe("mail");
    expect(sessionCookieFrom(done)).not.toEqual(partial);
    // The same code in a new sign-in: refused (it was used, and it belonged to the other one).
    const again = await passwordStep("mail");
    expect((await answer(again, code)).status).toBe(401);
  });

  it("sends by SMS through the same outbox, and stores only a digest of the code", async () => {
    const partial = await passwordStep("text");
    expect((await send(partial, "email")).status).toBe(409); // not this account's channel
    const sent = await send(partial, "sms");
    expect(await sent.json()).toMatchObject({ channel: "sms", to: "•••• 0001" });
    const { code, body } = await lastMessage("+15550100001");
    expect(body).toMatch(/^Hearth sign-in code: \d{6}\./);
    const stored = JSON.stringify(await database.db.select().from(oneTimeCodes));
    expect(stored).not.toContain(code);
    expect((await answer(partial, code)).status).toBe(200);
  });

  it("limits resending and says when a new code can be asked for", async () => {
    const partial = await passwordStep("slow");
    expect((await send(partial)).status).toBe(202);
    const soon = await send(partial);
    expect(soon.status).toBe(429);
    expect((await soon.json()).error).toEqual({ code: "AUTH-110", retryAfterSeconds: 60 });
    expect(soon.headers.get("retry-after")).toBe("60");
    // At most five an hour, however patiently they are asked for.
    const statuses: number[] = [];
    for (let i = 0; i < codesPerHour; i++) {
      clock.advance(61_000);
      statuses.push((await send(partial)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 429]);
    // A new code replaces the old: only the latest works.
    const [newest, older] = await outboxFor(database.db, "slow@example.org", 2);
    const code = (text: string | undefined) => /\b(\d{6})\b/.exec(text ?? "")?.[1] ?? "";
    if (code(older?.body) !== code(newest?.body)) {
      expect((await answer(partial, code(older?.body))).status).toBe(401);
    }
    expect((await answer(partial, code(newest?.body))).status).toBe(200);
  });

  it(`kills a code after ${attemptsPerCode} wrong tries, even with the right one next (ASVS 6.6.3)`, async () => {
    const partial = await passwordStep("wrong");
    await send(partial);
    const { code } = await lastMessage("wrong@example.org");
    const wrong = code === "000000" ? "000001" : "000000";
    const codes: string[] = [];
    for (let i = 0; i < attemptsPerCode; i++) {
      clock.advance(61_000); // out-wait the account's bucket: only the code's own cap is tested
      codes.push((await (await answer(partial, wrong)).json()).error.code);
    }
    // The sign-in ends at the same count (5 per sign-in): back to the password.
    expect(codes.at(-1)).toBe("AUTH-107");
    clock.advance(61_000);
    const next = await passwordStep("wrong");
    expect((await answer(next, code)).status).toBe(401);
    // The cap is the code's own too, whatever the session: five wrong tries and it is dead.
    const [user] = await database.db.select().from(users).where(eq(users.username, "wrong"));
    const owner = { userId: user?.id ?? "", purpose: "password-reset" as const };
    const issued = await issueCode(database.db, owner, "email", clock.now());
    if (!issued.ok) throw new Error("not issued");
    const other = issued.code === "000000" ? "000001" : "000000";
    for (let i = 0; i < attemptsPerCode; i++) {
      expect((await redeemCode(database.db, owner, other, clock.now())).ok).toBe(false);
    }
    expect((await redeemCode(database.db, owner, issued.code, clock.now())).ok).toBe(false);
  });

  it("lets a code expire after 10 minutes", async () => {
    const [late] = await database.db.select().from(users).where(eq(users.username, "late"));
    const owner = { userId: late?.id ?? "", purpose: "password-reset" as const };
    const first = await issueCode(database.db, owner, "email", clock.now());
    if (!first.ok) throw new Error("not issued");
    clock.advance(codeLifetimeMs - 1);
    expect((await redeemCode(database.db, owner, first.code, clock.now())).ok).toBe(true);
    clock.advance(61_000);
    const second = await issueCode(database.db, owner, "email", clock.now());
    if (!second.ok) throw new Error("not issued");
    clock.advance(codeLifetimeMs);
    expect((await redeemCode(database.db, owner, second.code, clock.now())).ok).toBe(false);
  });

  it("writes messages in the person's language", async () => {
    const partial = await passwordStep("vieja");
    await send(partial);
    const { subject, body } = await lastMessage("vieja@example.org");
    expect(subject).toBe("Su código para iniciar sesión en Hearth");
    expect(body).toContain("10 minutos");
  });

  it("refuses to turn codes on without an address on file (AUTH-111)", async () => {
    const cookie = await fullSession(app, "nomail", password);
    const res = await post(
      app,
      "/api/account/code-channel/start",
      { channel: "email" },
      { cookie },
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "AUTH-111" } });
  });

  it("tells the person by email when a new device signs in, not a known one", async () => {
    await database.db.update(users).set({ codeChannel: null }).where(eq(users.username, "late"));
    const first = await signInRequest(app, "late", password, {});
    const device = cookieFrom(first, "hearth_device") ?? "";
    const before = (await outboxFor(database.db, "late@example.org", 50)).length;
    await signInRequest(app, "late", password, { cookie: device });
    expect((await outboxFor(database.db, "late@example.org", 50)).length).toBe(before);
    await signInRequest(app, "late", password, {
      "user-agent":
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
    });
    const notice = await lastMessage("late@example.org");
    expect(notice.subject).toBe("New sign-in to your Hearth account");
    expect(notice.body).toContain("Chrome on Android");
    expect(notice.body).toContain("(late)");
  });
});
