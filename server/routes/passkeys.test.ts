import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PasskeySummary } from "../../shared/contracts/account.ts";
import { digestOf } from "../auth/digest.ts";
import { liveChallengesPerSource } from "../auth/passkey.ts";
import { hashPassword } from "../auth/password.ts";
import { addressPolicy } from "../auth/throttle.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, passkeyChallenges, passkeys, users } from "../db/schema.ts";
import { addressBucket } from "../http/client-address.ts";
import { outboxFor } from "../messaging/outbox.ts";
import { makeClock, makeTestApp, sessionCookieFrom, testOrigin } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { enableAuthenticator, fullSession, post, signInRequest } from "../test/sign-in.ts";
import { makeSoftAuthenticator } from "../test/soft-authenticator.ts";

const password = "correct horse battery";

/** Passkeys (ADR 19): registration from /account, sign-in with no password, list and remove. */
describe.each(testDatabaseKinds())("passkeys on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    app = makeTestApp(database.db, { now: clock.now }).app;
    const passwordHash = await hashPassword(password);
    const rows = await database.db
      .insert(users)
      .values(
        ["keyholder", "stranger", "twostep"].map((username) => ({
          username,
          displayName: username,
          role: "patient" as const,
          passwordHash,
          email: `${username}@example.org`,
        })),
      )
      .returning();
    for (const row of rows) ids[row.username] = row.id;
  });
  afterAll(() => database.close());

  async function register(
    cookie: string,
    authenticator = makeSoftAuthenticator("localhost", testOrigin),
  ) {
    const started = await post(app, "/api/account/passkeys/register/options", {}, { cookie });
    expect(started.status).toBe(200);
    const { challengeId, options } = await started.json();
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    const verified = await post(
      app,
      "/api/account/passkeys/register/verify",
      { challengeId, response: authenticator.register(options.challenge) },
      { cookie },
    );
    return { authenticator, verified };
  }

  async function signInWith(
    authenticator: ReturnType<typeof makeSoftAuthenticator>,
    userId: string,
    headers: Record<string, string> = {},
    options: { origin?: string } = {},
  ) {
    const started = await post(app, "/api/auth/passkey/options", {}, headers);
    expect(started.status).toBe(200);
    const { challengeId, options: request } = await started.json();
    // Nothing in the options says which accounts have passkeys.
    expect(request.allowCredentials ?? []).toEqual([]);
    const answer = authenticator.assert(request.challenge, userId, options);
    const res = await post(
      app,
      "/api/auth/passkey/verify",
      { challengeId, response: answer },
      headers,
    );
    return { res, challengeId, answer };
  }

  it("registers a passkey only within five minutes of the password (ASVS 7.5.1)", async () => {
    const cookie = await fullSession(app, "keyholder", password);
    clock.advance(5 * 60_000 + 1);
    const late = await post(app, "/api/account/passkeys/register/options", {}, { cookie });
    expect((await late.json()).error.code).toBe("AUTH-108");
  });

  it("registers, lists it, tells the person, and signs in with it alone (both steps)", async () => {
    const cookie = await fullSession(app, "keyholder", password);
    const { authenticator, verified } = await register(cookie);
    expect(verified.status).toBe(200);
    const listed = (await verified.json()).passkeys as PasskeySummary[];
    expect(listed).toEqual([expect.objectContaining({ id: authenticator.id, lastUsedAt: null })]);
    const [notice] = await outboxFor(database.db, "keyholder@example.org", 1);
    expect(notice?.subject).toMatch(/passkey/i);

    const { res } = await signInWith(authenticator, ids.keyholder ?? "");
    expect(res.status).toBe(200);
    expect((await res.json()).me.username).toBe("keyholder");
    const session = sessionCookieFrom(res) ?? "";
    // A full session at once: no second step is asked for.
    expect((await app.request("/api/me", { headers: { cookie: session } })).status).toBe(200);
    const [stored] = await database.db
      .select()
      .from(passkeys)
      .where(eq(passkeys.id, authenticator.id));
    expect(stored?.counter).toBe(1);
    expect(stored?.lastUsedAt).not.toBeNull();
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorId, ids.keyholder ?? ""));
    expect(audit.some((e) => e.action === "auth.sign-in" && e.details?.method === "passkey")).toBe(
      true,
    );
  });

  it("refuses a replayed answer, an old counter, and another site's origin", async () => {
    const cookie = await fullSession(app, "keyholder", password);
    const { authenticator } = await register(cookie);
    const first = await signInWith(authenticator, ids.keyholder ?? "");
    expect(first.res.status).toBe(200);
    // The same answer again: its challenge is used up.
    const replay = await post(app, "/api/auth/passkey/verify", {
      challengeId: first.challengeId,
      response: first.answer,
    });
    expect((await replay.json()).error.code).toBe("AUTH-146");
    // The same answer to a new challenge: the signature covers the old one.
    const started = await (await post(app, "/api/auth/passkey/options", {})).json();
    const stale = await post(app, "/api/auth/passkey/verify", {
      challengeId: started.challengeId,
      response: first.answer,
    });
    expect((await stale.json()).error.code).toBe("AUTH-143");
    // A counter that went backwards: a cloned authenticator (WebAuthn §6.1.1).
    authenticator.setCounter(0);
    const cloned = await signInWith(authenticator, ids.keyholder ?? "");
    expect((await cloned.res.json()).error.code).toBe("AUTH-143");
    // Signed for another origin (a phishing page's).
    authenticator.setCounter(50);
    const phished = await signInWith(
      authenticator,
      ids.keyholder ?? "",
      {},
      { origin: "https://evil.example" },
    );
    expect((await phished.res.json()).error.code).toBe("AUTH-143");
    const failures = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.outcome, "failure"));
    expect(failures.filter((e) => e.details?.method === "passkey").length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it("refuses a passkey no account holds, and an answer claiming another account", async () => {
    const unknown = makeSoftAuthenticator("localhost", testOrigin);
    const { res } = await signInWith(unknown, ids.keyholder ?? "");
    expect((await res.json()).error.code).toBe("AUTH-143");
    const cookie = await fullSession(app, "keyholder", password);
    const { authenticator } = await register(cookie);
    const mismatched = await signInWith(authenticator, ids.stranger ?? "");
    expect((await mismatched.res.json()).error.code).toBe("AUTH-143");
  });

  it("one person cannot list or remove another's passkeys", async () => {
    const owner = await fullSession(app, "keyholder", password);
    const { authenticator } = await register(owner);
    const stranger = await fullSession(app, "stranger", password);
    const theirs = await (
      await app.request("/api/account/passkeys", { headers: { cookie: stranger } })
    ).json();
    expect(theirs.passkeys).toEqual([]);
    const removed = await post(
      app,
      "/api/account/passkeys/remove",
      { id: authenticator.id },
      { cookie: stranger },
    );
    expect(removed.status).toBe(404);
    const [still] = await database.db
      .select()
      .from(passkeys)
      .where(eq(passkeys.id, authenticator.id));
    expect(still).toBeDefined();
    const mine = await post(
      app,
      "/api/account/passkeys/remove",
      { id: authenticator.id },
      { cookie: owner },
    );
    expect(mine.status).toBe(200);
    const [removedNotice] = await outboxFor(database.db, "keyholder@example.org", 1);
    expect(removedNotice?.subject).toMatch(/removed/i);
    expect((await signInWith(authenticator, ids.keyholder ?? "")).res.status).toBe(401);
  });

  it("a registration answer is accepted only from the session that asked", async () => {
    const asking = await fullSession(app, "keyholder", password);
    const other = await fullSession(app, "keyholder", password);
    const started = await (
      await post(app, "/api/account/passkeys/register/options", {}, { cookie: asking })
    ).json();
    const authenticator = makeSoftAuthenticator("localhost", testOrigin);
    const res = await post(
      app,
      "/api/account/passkeys/register/verify",
      {
        challengeId: started.challengeId,
        response: authenticator.register(started.options.challenge),
      },
      { cookie: other },
    );
    expect((await res.json()).error.code).toBe("AUTH-146");
  });

  it("signs in with a passkey over a half-finished password sign-in, replacing it", async () => {
    const cookie = await fullSession(app, "twostep", password);
    await enableAuthenticator(app, cookie, clock.now);
    const { authenticator } = await register(cookie);
    const passwordStep = await signInRequest(app, "twostep", password);
    const partial = sessionCookieFrom(passwordStep) ?? "";
    expect((await passwordStep.json()).secondStep).toBeDefined();
    const { res } = await signInWith(authenticator, ids.twostep ?? "", { cookie: partial });
    expect(res.status).toBe(200);
    const full = sessionCookieFrom(res) ?? "";
    expect(full).not.toBe(partial);
    expect((await app.request("/api/me", { headers: { cookie: partial } })).status).toBe(401);
    expect((await app.request("/api/me", { headers: { cookie: full } })).status).toBe(200);
  });

  it("throttles sign-in options per address and keeps only a few unused challenges each", async () => {
    const proxied = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "1" } }).app;
    const from = (address: string) =>
      post(proxied, "/api/auth/passkey/options", {}, { "x-forwarded-for": address });
    const stored = (address: string) =>
      database.db
        .select({ id: passkeyChallenges.id })
        .from(passkeyChallenges)
        .where(eq(passkeyChallenges.source, digestOf(addressBucket(address))));
    const answered: string[] = [];
    for (let i = 0; i < liveChallengesPerSource + 3; i++) {
      clock.advance(1); // "newest" is by expiry time
      const res = await from("203.0.113.9");
      expect(res.status).toBe(200);
      answered.push(((await res.json()) as { challengeId: string }).challengeId);
    }
    const kept = (await stored("203.0.113.9")).map((row) => row.id).sort();
    expect(kept).toEqual(answered.slice(-liveChallengesPerSource).sort());

    let calls = answered.length;
    let refused: Response | undefined;
    while (!refused && calls < addressPolicy.freeFailures + 5) {
      const res = await from("203.0.113.9");
      calls++;
      if (res.status !== 200) refused = res;
    }
    // The first call after the free ones is answered, and sets the first wait.
    expect(calls).toBe(addressPolicy.freeFailures + 2);
    if (!refused) throw new Error("never refused");
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("AUTH-105");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await stored("203.0.113.9")).length).toBe(liveChallengesPerSource);
    // Another address is not slowed by it.
    expect((await from("198.51.100.77")).status).toBe(200);
  });
});
