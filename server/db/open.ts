import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { logFailure } from "../http/error-log.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import * as schema from "./schema.ts";
import { backfillUsernameSkeletons } from "./username-skeletons.ts";

/** Either driver, seen through the PostgreSQL dialect both share. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
  db: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Opens the database and brings its schema up to date with the committed migrations.
 * `dataDir` undefined means PGlite in memory (tests); a `databaseUrl` means PostgreSQL.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Runs after the migrations, by one starting process at a time (the demo seed). */
  prepare?: ((db: Database) => Promise<void>) | undefined;
  /**
   * An in-memory PGlite starts as a copy of this dump (`PGlite.dumpDataDir`) instead of an
   * empty cluster: the test suite migrates once and copies it per file
   * (server/test/pglite-template.ts). The migrations still run, and find nothing to do.
   */
  template?: Blob | undefined;
}): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // A request waits this long for a connection, then is answered SRV-502, rather than
      // hanging while the database is unreachable.
      connectionTimeoutMillis: 10_000,
    });
    survivesLostConnections(pool);
    const db = drizzleNodePg(pool, { schema });
    try {
      await oneStarterAtATime(pool, async () => {
        await migrateNodePg(db, { migrationsFolder });
        await backfillUsernameSkeletons(db as unknown as Database);
        await options.prepare?.(db as unknown as Database);
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: db as unknown as Database, kind: "postgres", close: () => pool.end() };
  }
  const folder = options.dataDir && !options.dataDir.startsWith("memory://");
  const release = folder ? lockDataDir(options.dataDir as string) : () => {};
  const client = options.dataDir
    ? new PGlite(options.dataDir)
    : new PGlite(options.template ? { loadDataDir: options.template } : {});
  const close = async () => {
    await client.close();
    release();
  };
  const db = drizzlePglite(client, { schema });
  try {
    await migratePglite(db, { migrationsFolder });
    await backfillUsernameSkeletons(db as unknown as Database);
    await options.prepare?.(db as unknown as Database);
  } catch (error) {
    await close();
    throw error;
  }
  return { db: db as unknown as Database, kind: "pglite", close };
}

/** Any fixed number, the same in every Hearth process: the key of the start-up lock. */
const startLockKey = 0x4865_6172; // "Hear"

/**
 * Several processes started at once on one PostgreSQL database (the first start of a
 * deployment, or a rolling one that brings a migration) would each find the migrations not yet
 * applied and each apply them, and all but one fail on "already exists" (docs/security.md). An
 * advisory lock, held on one connection while the work runs on others, makes the rest wait
 * and then find nothing left to do. It is a session lock: a process that dies holding it
 * loses it with its connection.
 */
async function oneStarterAtATime(pool: pg.Pool, work: () => Promise<void>): Promise<void> {
  const holder = await pool.connect();
  try {
    await holder.query("select pg_advisory_lock($1)", [startLockKey]);
    try {
      await work();
    } finally {
      await holder.query("select pg_advisory_unlock($1)", [startLockKey]);
    }
  } finally {
    holder.release();
  }
}

/**
 * When PostgreSQL ends a connection (pg_terminate_backend, a failover, a restart), node-postgres
 * emits 'error' on the client, and on the pool for an idle one; an 'error' nobody listens to
 * ends the process (docs/security.md). Listened to, the broken client is dropped (the pool
 * removes an idle one; a checked-out one is not queryable and is removed when released), its
 * query in flight rejects and is answered SRV-502 (server/app.ts), and the next query opens a
 * new connection.
 */
function survivesLostConnections(pool: pg.Pool) {
  // An idle client's 'error' reaches its own listener below too: logged once, there.
  pool.on("error", () => {});
  pool.on("connect", (client) => {
    client.on("error", (error) => logFailure("database: connection lost", error));
  });
}
