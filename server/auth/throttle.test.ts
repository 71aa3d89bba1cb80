import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { accountPolicy, clearBuckets, delayAfter, refund, takeAttempt } from "./throttle.ts";

describe("delayAfter", () => {
  it("is free for the first failures, then doubles up to the ceiling", () => {
    const waits = Array.from({ length: 13 }, (_, i) => delayAfter(accountPolicy, i + 1) / 1000);
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
  });
});

describe.each(testDatabaseKinds())("takeAttempt on %s", (kind) => {
  let database: OpenDatabase;
  const now = new Date("2026-02-01T12:00:00Z");
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it("lets no parallel burst slip past a closed bucket", async () => {
    const bucket = [["burst", accountPolicy]] as const;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => takeAttempt(database.db, bucket, now)),
    );
    // Five free failures, then the sixth attempt closes the bucket for a second.
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.retryAfterMs === 1000)).toBe(true);
  });

  it("does not refuse a free failure that reached the bucket after a later one", async () => {
    // Two requests at once (on two server processes, or one): the one that read the clock first
    // can take the row's lock second. A free failure must not leave a wait behind it.
    const bucket = [["crossed", accountPolicy]] as const;
    expect((await takeAttempt(database.db, bucket, now)).ok).toBe(true);
    const earlier = new Date(now.getTime() - 5);
    expect(await takeAttempt(database.db, bucket, earlier)).toMatchObject({ ok: true });
  });

  it("takes from every bucket named, or from none when one is closed", async () => {
    const open = ["open-one", accountPolicy] as const;
    await Promise.all(
      Array.from({ length: 6 }, () => takeAttempt(database.db, [["shut", accountPolicy]], now)),
    );
    expect((await takeAttempt(database.db, [open, ["shut", accountPolicy]], now)).ok).toBe(false);
    // "open-one" was not charged by the refused attempt: five more are still free.
    for (let i = 0; i < 5; i++) expect((await takeAttempt(database.db, [open], now)).ok).toBe(true);
  });

  it("forgets a bucket's failures when cleared", async () => {
    for (let i = 0; i < 6; i++) await takeAttempt(database.db, [["cleared", accountPolicy]], now);
    expect((await takeAttempt(database.db, [["cleared", accountPolicy]], now)).ok).toBe(false);
    await clearBuckets(database.db, ["cleared"]);
    expect((await takeAttempt(database.db, [["cleared", accountPolicy]], now)).ok).toBe(true);
  });

  it("gives back one attempt's charge, wait included, when refunded", async () => {
    const bucket = [["refunded", accountPolicy]] as const;
    for (let i = 0; i < accountPolicy.freeFailures; i++)
      await takeAttempt(database.db, bucket, now);
    const sixth = await takeAttempt(database.db, bucket, now);
    expect((await takeAttempt(database.db, bucket, now)).ok).toBe(false);
    await refund(database.db, sixth, "refunded");
    // Back to five failures and no wait: the next one is the sixth again, and closes it.
    expect((await takeAttempt(database.db, bucket, now)).ok).toBe(true);
    expect(await takeAttempt(database.db, bucket, now)).toEqual({ ok: false, retryAfterMs: 1000 });
  });
});
