import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { type OpenDatabase, openDatabase } from "../db/open.ts";

export type DatabaseKind = "pglite" | "postgres";

/**
 * The databases the server suite runs on: always embedded PGlite, and also PostgreSQL when
 * DATABASE_URL is set (as CI does). Use with `describe.each(testDatabaseKinds())`.
 */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

let template: Blob | undefined;

/** The run's migrated PGlite dump (server/test/pglite-template.ts), read once per test file;
 * undefined when the run has no such setup, and each database then migrates from empty. */
function pgliteTemplate(): Blob | undefined {
  let file: string | undefined;
  try {
    file = inject("pgliteTemplate");
  } catch {
    // Outside a vitest run (the benchmark scripts): no template, migrate from empty.
  }
  if (file && !template) template = new Blob([readFileSync(file)]);
  return template;
}

/**
 * A fresh, migrated database. On PGlite each call is a copy of one migrated template. On
 * PostgreSQL each call creates its own database next to the one DATABASE_URL names, and
 * close() drops it, so test files never see each other's rows.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<OpenDatabase> {
  if (kind === "pglite") return openDatabase({ template: pgliteTemplate() });
  const empty = await emptyTestDatabase();
  const opened = await openDatabase({ databaseUrl: empty.url });
  return {
    ...opened,
    async close() {
      await opened.close();
      await empty.drop();
    },
  };
}

/**
 * A new PostgreSQL database next to the one DATABASE_URL names, with no tables yet: for tests
 * that start servers on it themselves. drop() removes it once its connections have gone.
 */
export async function emptyTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error("DATABASE_URL is needed for PostgreSQL tests");
  const name = `hearth_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await withAdmin(adminUrl, (admin) => admin.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, async (admin) => {
        // pg's Pool.end() resolves before its sockets have closed; dropping "with (force)" at
        // once would kill those backends and their clients would report it as an error.
        for (let tries = 0; tries < 100; tries++) {
          const { rows } = await admin.query(
            "select count(*)::int as n from pg_stat_activity where datname = $1",
            [name],
          );
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await admin.query(`drop database if exists "${name}" with (force)`);
      }),
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
