import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { openTestDatabase } from "./database.ts";

describe("the migrated PGlite template", () => {
  it("is made once for the run, and each database copied from it is migrated and its own", async () => {
    expect(inject("pgliteTemplate")).toMatch(/template\.tar$/);
    const first = await openTestDatabase("pglite");
    const second = await openTestDatabase("pglite");
    try {
      const applied = await first.db.execute<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(applied.rows[0]?.n).toBeGreaterThan(10);
      await first.db.execute(
        sql`insert into users (username, display_name, role, password_hash) values ('only-here', 'Only Here', 'patient', 'x')`,
      );
      const seen = await second.db.execute<{ n: number }>(
        sql`select count(*)::int as n from users where username = 'only-here'`,
      );
      expect(seen.rows[0]?.n).toBe(0);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
