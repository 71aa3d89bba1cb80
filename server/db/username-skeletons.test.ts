import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import type { OpenDatabase } from "./open.ts";
import { users } from "./schema.ts";
import { backfillUsernameSkeletons } from "./username-skeletons.ts";

describe.each(testDatabaseKinds())("username skeleton backfill on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it("fills accounts made before the column, oldest first, and leaves a later look-alike empty", async () => {
    const { db } = database;
    const made = (username: string, at: string) => ({
      username,
      displayName: username,
      role: "patient" as const,
      passwordHash: "!",
      createdAt: new Date(at),
    });
    // As migration 0015 finds them: no skeletons, and one look-alike pair (Cyrillic "о").
    await db
      .insert(users)
      .values([
        made("older.rosa", "2025-01-01T00:00:00Z"),
        made("\u043Elder.rosa", "2025-02-01T00:00:00Z"),
        made("pablo", "2025-03-01T00:00:00Z"),
      ]);
    expect(await backfillUsernameSkeletons(db)).toBe(2);
    const rows = await db
      .select({ username: users.username, skeleton: users.usernameSkeleton })
      .from(users)
      .where(sql`${users.username} in ('older.rosa', '\u043Elder.rosa', 'pablo')`)
      .orderBy(asc(users.createdAt));
    expect(rows).toEqual([
      { username: "older.rosa", skeleton: "older.rosa" },
      { username: "\u043Elder.rosa", skeleton: null },
      { username: "pablo", skeleton: "pablo" },
    ]);
    expect(await backfillUsernameSkeletons(db)).toBe(0);
    const [pablo] = await db.select().from(users).where(eq(users.username, "pablo"));
    expect(pablo?.usernameSkeleton).toBe("pablo");
  });
});
