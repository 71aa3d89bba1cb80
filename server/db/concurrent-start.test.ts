import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyTestDatabase } from "../test/database.ts";
import { type OpenDatabase, openDatabase } from "./open.ts";
import { users } from "./schema.ts";
import { demoAccounts, isEmpty, seedDemo } from "./seed.ts";

const migrationCount = readdirSync(new URL("./migrations", import.meta.url)).filter((file) =>
  file.endsWith(".sql"),
).length;

/**
 * Several servers (docs/deploy.md): several processes started at once on one new PostgreSQL
 * database (a deployment's first start, or a rolling one with a new migration) each migrate it.
 * Without a lock each sees no migration applied and runs them all: all but one fail on "already
 * exists".
 */
describe.skipIf(!process.env.DATABASE_URL)(
  "several processes opening one new PostgreSQL database",
  () => {
    let empty: Awaited<ReturnType<typeof emptyTestDatabase>>;
    const opened: OpenDatabase[] = [];

    beforeAll(async () => {
      empty = await emptyTestDatabase();
    });
    afterAll(async () => {
      await Promise.all(opened.map((database) => database.close()));
      await empty?.drop();
    });

    it("migrates once and seeds once, whichever starts first", async () => {
      const prepare = async (db: OpenDatabase["db"]) => {
        if (await isEmpty(db)) await seedDemo(db, false);
      };
      const results = await Promise.allSettled(
        Array.from({ length: 4 }, () => openDatabase({ databaseUrl: empty.url, prepare })),
      );
      for (const result of results) if (result.status === "fulfilled") opened.push(result.value);
      expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual([
        "ok",
        "ok",
        "ok",
        "ok",
      ]);
      const database = opened[0] as OpenDatabase;
      const applied = (await database.db.execute(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      )) as unknown as { rows: { n: number }[] };
      expect(applied.rows[0]?.n).toBe(migrationCount);
      expect(await database.db.$count(users)).toBe(demoAccounts.length);
    });
  },
);
