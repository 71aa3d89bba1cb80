import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { accountPolicy, clearBuckets, delayAfter, takeAttempt } from "./throttle.ts";

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
});
