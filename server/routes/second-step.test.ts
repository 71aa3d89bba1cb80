import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { recoveryCodes, sessions, users } from "../db/schema.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { codeAt, enableAuthenticator, fullSession, post, signInRequest } from "../test/sign-in.ts";
import { codesPerSignIn } from "./second-step.ts";

const password = "correct horse battery";

describe.each(testDatabaseKinds())("second step of signing in on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  const keys = new Map<string, Uint8Array>();
  const recovery = new Map<string, string[]>();

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    const passwordHash = await hashPassword(password);
    const names = ["totp-user", "replay", "drift", "brute", "slow", "recover", "fresh"];
    await database.db.insert(users).values(
      names.map((username) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
      })),
    );
    for (const name of names) {
      const { key, recoveryCodes } = await enableAuthenticator(
        app,
        await fullSession(app, name, password),
        clock.now,
      );
      keys.set(name, key);
      recovery.set(name, recoveryCodes);
      // Each confirmation used the current step; later sign-ins start on a fresh one.
    }
    clock.advance(30_000);
  });
  afterAll(() => database.close());

  /** Password step: answers the partial session's cookie. */
  async function passwordStep(username: string): Promise<string> {
    const res = await signInRequest(app, username, password);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ secondStep: { methods: ["totp", "recovery-code"] } });
    return sessionCookieFrom(res) ?? "";
  }
  const sendTotp = (cookie: string, code: string) =>
    post(app, "/api/auth/second-step/totp", { code }, { cookie });
  const me = (cookie: string) => app.request("/api/me", { headers: { cookie } });
  const key = (name: string) => keys.get(name) ?? new Uint8Array();

  it("signs in with a TOTP code, on a new session token (ASVS 7.2.4)", async () => {
    const partial = await passwordStep("totp-user");
    expect((await me(partial)).status).toBe(401);
    const res = await sendTotp(partial, codeAt(key("totp-user"), clock.now()));
    expect(res.status).toBe(200);
    expect((await res.json()).me.username).toBe("totp-user");
    const full = sessionCookieFrom(res) ?? "";
    expect(full).not.toEqual(partial);
    expect((await me(full)).status).toBe(200);
    // The partial session's token is dead.
    expect((await sendTotp(partial, codeAt(key("totp-user"), clock.now()))).status).toBe(401);
  });

  it("refuses a code replayed within its window (ASVS 6.5.1, docs/abuse-cases.md 22)", async () => {
    const code = codeAt(key("replay"), clock.now());
    expect((await sendTotp(await passwordStep("replay"), code)).status).toBe(200);
    const again = await sendTotp(await passwordStep("replay"), code);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ error: { code: "AUTH-106" } });
    // An older code from the window is refused too; the next step's code works.
    const older = await sendTotp(
      await passwordStep("replay"),
      codeAt(key("replay"), clock.now(), -1),
    );
    expect(older.status).toBe(401);
    clock.advance(30_000);
    const next = await sendTotp(await passwordStep("replay"), codeAt(key("replay"), clock.now()));
    expect(next.status).toBe(200);
  });

  it("accepts one step of clock drift either way, and no more", async () => {
    const k = key("drift");
    for (const steps of [-2, 2]) {
      const res = await sendTotp(await passwordStep("drift"), codeAt(k, clock.now(), steps));
      expect(res.status).toBe(401);
    }
    expect((await sendTotp(await passwordStep("drift"), codeAt(k, clock.now(), -1))).status).toBe(
      200,
    );
    expect((await sendTotp(await passwordStep("drift"), codeAt(k, clock.now(), 1))).status).toBe(
      200,
    );
  });

  it(`ends a sign-in after ${codesPerSignIn} wrong codes: back to the password (docs/abuse-cases.md 22)`, async () => {
    const partial = await passwordStep("brute");
    const right = codeAt(key("brute"), clock.now());
    const wrong = right === "000000" ? "000001" : "000000";
    const codes: string[] = [];
    for (let i = 0; i < codesPerSignIn; i++) {
      clock.advance(61_000); // out-wait the account's bucket: only the per-sign-in cap is tested
      codes.push((await (await sendTotp(partial, wrong)).json()).error.code);
    }
    expect(codes).toEqual([...Array(codesPerSignIn - 1).fill("AUTH-106"), "AUTH-107"]);
    const rows = await database.db.select().from(sessions);
    expect(rows.some((row) => partial.endsWith(row.id))).toBe(false);
    // Even the right code is now refused: this sign-in is over.
    expect((await sendTotp(partial, codeAt(key("brute"), clock.now()))).status).toBe(401);
  });

  it("slows code guesses across sign-ins with the account's bucket (ASVS 6.6.3)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const partial = await passwordStep("slow");
      for (let j = 0; j < 2; j++) statuses.push((await sendTotp(partial, "123456")).status);
    }
    // Three free guesses for the account, then each must wait, whatever the sign-in.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(4)).toContain(429);
    const partial = await passwordStep("slow");
    const res = await sendTotp(partial, codeAt(key("slow"), clock.now()));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("signs in once with each recovery code, stored only as a hash (ASVS 6.5.2)", async () => {
    const codes = recovery.get("recover") ?? [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = JSON.stringify(await database.db.select().from(recoveryCodes));
    for (const code of codes) expect(stored).not.toContain(code.replaceAll("-", ""));
    const use = async (code: string) =>
      post(
        app,
        "/api/auth/second-step/recovery-code",
        { code },
        { cookie: await passwordStep("recover") },
      );
    // Typed in capitals with spaces: still the same code.
    expect((await use((codes[0] ?? "").toUpperCase().replaceAll("-", " "))).status).toBe(200);
    const reused = await use(codes[0] ?? "");
    expect(reused.status).toBe(401);
    expect(await reused.json()).toEqual({ error: { code: "AUTH-106" } });
    expect((await use(codes[1] ?? "")).status).toBe(200);
    // Another account's code is no use here.
    expect((await use(recovery.get("fresh")?.[0] ?? "")).status).toBe(401);
  });

  it("lets a partial session expire after 10 minutes", async () => {
    const partial = await passwordStep("fresh");
    clock.advance(10 * 60_000);
    const res = await sendTotp(partial, codeAt(key("fresh"), clock.now()));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "AUTH-102" } });
  });

  it("asks for the password again before a security change older than 5 minutes (ASVS 7.5.1)", async () => {
    const partial = await passwordStep("fresh");
    const done = await sendTotp(partial, codeAt(key("fresh"), clock.now()));
    const cookie = sessionCookieFrom(done) ?? "";
    clock.advance(5 * 60_000 + 1000);
    const stale = await post(app, "/api/account/authenticator/recovery-codes", {}, { cookie });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual({ error: { code: "AUTH-108" } });
    const wrong = await post(app, "/api/auth/reauthenticate", { password: "nope" }, { cookie });
    expect(wrong.status).toBe(401);
    const right = await post(app, "/api/auth/reauthenticate", { password }, { cookie });
    expect(right.status).toBe(204);
    const fresh = await post(app, "/api/account/authenticator/recovery-codes", {}, { cookie });
    expect(fresh.status).toBe(200);
    expect((await fresh.json()).recoveryCodes).toHaveLength(10);
  });

  it("refuses a second app while one is set up, and turns it off on request", async () => {
    const [user] = await database.db.select().from(users).where(eq(users.username, "fresh"));
    expect(user).toBeDefined();
    const partial = await passwordStep("fresh");
    clock.advance(30_000);
    const cookie =
      sessionCookieFrom(await sendTotp(partial, codeAt(key("fresh"), clock.now()))) ?? "";
    const again = await post(app, "/api/account/authenticator/start", {}, { cookie });
    expect(again.status).toBe(409);
    expect((await post(app, "/api/account/authenticator/remove", {}, { cookie })).status).toBe(204);
    const plain = await signInRequest(app, "fresh", password);
    expect((await plain.json()).me.username).toBe("fresh");
  });
});
