import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import type { OpenDatabase } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { makeClock, makeTestApp, sessionCookieFrom } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { codeAt, cookieFrom, enableAuthenticator, post, signInRequest } from "../test/sign-in.ts";

const password = "correct horse battery";

// ASVS 6.3.1 and docs/abuse-cases.md 19, 21: throttling, not lockout.
describe.each(testDatabaseKinds())("sign-in throttling on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const passwordHash = await hashPassword(password);
    await database.db.insert(users).values(
      ["delay", "ghost-twin", "capped", "victim", "wrong-then-right"].map((username) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
      })),
    );
    // TRUST_PROXY lets a test speak from many addresses through X-Forwarded-For.
    app = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "true" } }).app;
  });
  afterAll(() => database.close());

  const from = (address: string, extra: Record<string, string> = {}): Record<string, string> => ({
    "x-forwarded-for": address,
    ...extra,
  });

  /** Tries one wrong password after another, waiting out each 429; answers the waits asked for. */
  async function waitsAfterFailures(username: string, address: string, count: number) {
    const waits: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) {
      let res = await signInRequest(app, username, "wrong password", from(address));
      if (res.status === 429) {
        const body = await res.json();
        expect(body.error.code).toBe("AUTH-105");
        const header = Number(res.headers.get("retry-after"));
        expect(body.error.retryAfterSeconds).toBe(header);
        waits.push(header);
        clock.advance(header * 1000);
        res = await signInRequest(app, username, "wrong password", from(address));
      }
      statuses.push(res.status);
    }
    return { waits, statuses };
  }

  it("lets 5 failures through, then makes each attempt wait longer, saying how long", async () => {
    const { waits, statuses } = await waitsAfterFailures("delay", "198.51.100.1", 13);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });

  it("does not look at the password while the wait lasts", async () => {
    const res = await signInRequest(app, "delay", password, from("198.51.100.1"));
    expect(res.status).toBe(429);
    expect(sessionCookieFrom(res)).toBeUndefined();
    clock.advance(30_000);
    expect((await signInRequest(app, "delay", password, from("198.51.100.1"))).status).toBe(200);
  });

  it("throttles an unknown username exactly like a real one (ASVS 6.3.8)", async () => {
    // Side by side, at the same moments, from two fresh addresses: every answer is the same.
    for (let i = 0; i < 14; i++) {
      const a = await signInRequest(app, "ghost-twin", "wrong password", from("198.51.100.2"));
      const b = await signInRequest(app, "no-such-person", "wrong", from("198.51.100.3"));
      const [bodyA, bodyB] = [await a.json(), await b.json()];
      expect([b.status, bodyB, b.headers.get("retry-after")]).toEqual([
        a.status,
        bodyA,
        a.headers.get("retry-after"),
      ]);
      if (a.status === 429) clock.advance(Number(a.headers.get("retry-after")) * 1000);
    }
  });

  it("counts at most 100 failures an hour against one account, from any number of addresses", async () => {
    const start = clock.now().getTime();
    let failures = 0;
    let attempt = 0;
    while (clock.now().getTime() - start < 3_600_000) {
      attempt += 1;
      // Every attempt from a new address: the address buckets never fill, the account's does.
      const address = `10.${(attempt >> 8) & 255}.${attempt & 255}.1`;
      const res = await signInRequest(app, "capped", "wrong password", from(address));
      if (res.status === 401) failures += 1;
      else if (res.status === 429) clock.advance(Number(res.headers.get("retry-after")) * 1000);
      else throw new Error(`unexpected ${res.status}`);
    }
    expect(failures).toBe(100);
  });

  it("lets the owner sign in, with the second step, while strangers are throttled (no lockout)", async () => {
    // The owner signs in at home once, and turns two-step sign-in on.
    const home = "203.0.113.9";
    const first = await signInRequest(app, "victim", password, from(home));
    expect(first.status).toBe(200);
    const device = cookieFrom(first, "hearth_device");
    expect(device).toBeDefined();
    const session = sessionCookieFrom(first) ?? "";
    const { key } = await enableAuthenticator(app, session, clock.now);

    // An attacker fails from many other addresses until strangers must wait.
    let attacked = 0;
    for (let i = 0; attacked < 100 && i < 400; i++) {
      const res = await signInRequest(app, "victim", "guess", from(`172.16.${i >> 8}.${i & 255}`));
      if (res.status === 401) attacked += 1;
      else clock.advance(Number(res.headers.get("retry-after")) * 1000 - 1000);
    }
    const stranger = await signInRequest(app, "victim", password, from("172.31.0.1"));
    expect(stranger.status).toBe(429);

    // The owner, on their own device (from anywhere), and at home (on any device), gets in.
    for (const headers of [from("192.0.2.200", { cookie: device ?? "" }), from(home)]) {
      const res = await signInRequest(app, "victim", password, headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ secondStep: { methods: ["totp", "recovery-code"] } });
      clock.advance(30_000);
      const done = await post(
        app,
        "/api/auth/second-step/totp",
        { code: codeAt(key, clock.now()) },
        { ...headers, cookie: [headers.cookie, sessionCookieFrom(res)].filter(Boolean).join("; ") },
      );
      expect(done.status).toBe(200);
      expect((await done.json()).me.username).toBe("victim");
    }
  });

  it("forgets the owner's failures once they get the password right", async () => {
    const address = "198.51.100.50";
    await waitsAfterFailures("wrong-then-right", address, 6);
    clock.advance(60_000);
    expect((await signInRequest(app, "wrong-then-right", password, from(address))).status).toBe(
      200,
    );
    const after = await waitsAfterFailures("wrong-then-right", address, 5);
    expect(after.waits).toEqual([]);
  });
});
