import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password.ts";
import { resetCodePolicy } from "../auth/password-reset.ts";
import { accountPolicy, addressPolicy } from "../auth/throttle.ts";
import type { OpenDatabase } from "../db/open.ts";
import { auditEvents, users } from "../db/schema.ts";
import { makeClock, makeTestApp } from "../test/app.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { post, signInRequest } from "../test/sign-in.ts";

const password = "correct horse battery";
const newPassword = "new violet lantern";
// A hundred sign-ins one after another, each with an argon2 verification: on a busy machine that
// outlasts the default timeout, and a timed-out loop would go on moving the shared clock.
const slow = 180_000;

// Throttles (docs/security.md; ADR 11): a bucket per account whatever name is typed, and the
// address charged before the password is looked at (ASVS 6.3.1).
describe.each(testDatabaseKinds())("throttles per account and address on %s", (kind) => {
  let database: OpenDatabase;
  const clock = makeClock();
  let app: ReturnType<typeof makeTestApp>["app"];
  let addresses = 0;
  /** A fresh address each call, so only the bucket under test fills. */
  const fresh = () => {
    addresses += 1;
    return {
      "x-forwarded-for": `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`,
    };
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const passwordHash = await hashPassword(password);
    await database.db.insert(users).values(
      ["by-name", "by-email", "reset-name", "reset-email", "clinic"].map((username) => ({
        username,
        displayName: username,
        role: "patient" as const,
        passwordHash,
        email: `${username}@example.org`,
      })),
    );
    app = makeTestApp(database.db, { now: clock.now, env: { TRUST_PROXY: "true" } }).app;
  });
  afterAll(() => database.close());

  /**
   * Fails with `send` until `cap` failures have been answered (each 429 waited out), each from
   * a new address; answers how many failures that took.
   */
  async function failUntilCapped(
    send: () => Response | Promise<Response>,
    failed: number,
    cap: number,
  ) {
    let failures = 0;
    for (let tries = 0; failures < cap && tries < 10 * cap; tries++) {
      const res = await send();
      if (res.status === failed) failures += 1;
      else if (res.status === 429) clock.advance(Number(res.headers.get("retry-after")) * 1000);
      else throw new Error(`unexpected ${res.status}`);
    }
    return failures;
  }

  async function expectClosed(res: Response) {
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("AUTH-105");
    // Closed for the rest of the hour, not just the next delay.
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(accountPolicy.maxDelayMs / 1000);
  }

  it.each([
    ["by-name", "by-name@example.org"],
    ["by-email@example.org", "by-email"],
  ])(
    "counts sign-in failures typed as %s and as %s in one bucket",
    async (first, then) => {
      const failures = await failUntilCapped(
        () => signInRequest(app, first, "wrong password", fresh()),
        401,
        accountPolicy.cap,
      );
      expect(failures).toBe(accountPolicy.cap);
      // The other name of the same account: the same closed bucket, even with the right password.
      await expectClosed(await signInRequest(app, then, "wrong password", fresh()));
      await expectClosed(await signInRequest(app, then.toUpperCase(), password, fresh()));
      clock.advance(3_600_000);
    },
    slow,
  );

  it.each([
    ["reset-name", "reset-name@example.org"],
    ["reset-email@example.org", "reset-email"],
  ])(
    "counts wrong reset codes typed as %s and as %s in one bucket",
    async (first, then) => {
      const finish = (username: string) =>
        post(
          app,
          "/api/access/password-reset/finish",
          { username, code: "000000", password: newPassword },
          fresh(),
        );
      const failures = await failUntilCapped(() => finish(first), 400, resetCodePolicy.cap);
      expect(failures).toBe(resetCodePolicy.cap);
      await expectClosed(await finish(then));
      clock.advance(24 * 3_600_000);
    },
    slow,
  );

  /** Sign-in failures audited: each one is an attempt whose password was checked. */
  async function checkedFailures() {
    const rows = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign-in"), eq(auditEvents.outcome, "failure")));
    return rows.length;
  }

  /** 40 wrong passwords at once from one address, each at a different name. */
  async function parallelFailures(address: string, round: string) {
    const before = await checkedFailures();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        signInRequest(app, `${round}-nobody-${i}`, "wrong password", {
          "x-forwarded-for": address,
        }),
      ),
    );
    const statuses = answers.map((res) => res.status);
    return {
      checked: statuses.filter((s) => s === 401).length,
      refused: statuses.filter((s) => s === 429).length,
      audited: (await checkedFailures()) - before,
    };
  }

  it("lets a parallel burst at one address have its passwords checked only as far as the address allows", async () => {
    // The address's free failures, then the one that closes it for a second.
    const budget = addressPolicy.freeFailures + 1;
    expect(await parallelFailures("192.0.2.40", "burst")).toEqual({
      checked: budget,
      refused: 40 - budget,
      audited: budget,
    });
    clock.advance(3_600_000);
  });

  it("still does not count an address's successes against it", async () => {
    const address = "192.0.2.41";
    for (let i = 0; i < addressPolicy.freeFailures + 5; i++) {
      const res = await signInRequest(app, "clinic", password, { "x-forwarded-for": address });
      expect(res.status).toBe(200);
    }
    const budget = addressPolicy.freeFailures + 1;
    expect(await parallelFailures(address, "after-successes")).toEqual({
      checked: budget,
      refused: 40 - budget,
      audited: budget,
    });
  });
});
