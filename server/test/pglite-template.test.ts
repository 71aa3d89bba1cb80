import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import type { Database } from "../db/open.ts";
import { openTestDatabase } from "./database.ts";

/** The one number a `select count(*)::int as n …` answers, on either driver. */
async function count(db: Database, query: ReturnType<typeof sql>): Promise<number | undefined> {
  const result = (await db.execute(query)) as unknown as { rows: Array<{ n: number }> };
  return result.rows[0]?.n;
}

describe("the migrated PGlite template", () => {
  it("is made once for the run, and each database copied from it is migrated and its own", async () => {
    expect(inject("pgliteTemplate")).toMatch(/template\.tar$/);
    const first = await openTestDatabase("pglite");
    const second = await openTestDatabase("pglite");
    try {
      expect(
        await count(first.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
      ).toBeGreaterThan(10);
      await first.db.execute(
        sql`insert into users (username, display_name, role, password_hash) values ('only-here', 'Only Here', 'patient', 'x')`,
      );
      expect(
        await count(
          second.db,
          sql`select count(*)::int as n from users where username = 'only-here'`,
        ),
      ).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
