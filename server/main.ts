import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirLockedError } from "./db/data-dir-lock.ts";
import type { Database } from "./db/open.ts";
import { DatabaseUnreachableError, openDatabaseWithRetry } from "./db/open-with-retry.ts";
import { demoAccounts, demoPassword, isEmpty, seedDemo, seedDemoRecords } from "./db/seed.ts";
import { makeTransport } from "./messaging/transport.ts";
import { scheduleSyncRetention } from "./sync/retention.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Hearth cannot start: ${error.message}`);
  process.exit(1);
}

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
// Development seeds an empty database; run by one starting process at a time (server/db/open.ts),
// so several started together on one PostgreSQL seed it once.
const seedIfEmpty = async (db: Database) => {
  if (await isEmpty(db)) {
    await seedDemo(db, false);
    await seedDemoRecords(db, false);
  }
};
const database = await openDatabaseWithRetry(
  {
    ...config,
    timeoutMs: config.databaseWaitMs,
    prepare: config.production ? undefined : seedIfEmpty,
  },
  { log: (line) => console.error(line) },
).catch((error: unknown) => {
  if (!(error instanceof DataDirLockedError || error instanceof DatabaseUnreachableError)) {
    throw error;
  }
  console.error(`Hearth cannot start: ${error.message}`);
  process.exit(1);
});
const where =
  database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.dataDir}`;

if (!config.production) {
  console.log(`Demo accounts (password "${demoPassword}"):`);
  for (const account of demoAccounts)
    console.log(`  ${account.username.padEnd(8)} ${account.role}`);
}

// Without SMTP_URL / SMS_WEBHOOK_URL (development), every message is printed as it is "sent".
const transport = makeTransport(config, database.db, (line) => console.log(line));
const app = createApp({ db: database.db, config, now: () => new Date(), version, transport });
// Old sync history (ledger, tombstones) is forgotten at start and then daily.
scheduleSyncRetention(database.db, () => new Date(), config);

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  console.log(`Hearth ${version} on ${where}`);
  console.log(`Open ${config.publicOrigin} (listening on port ${info.port})`);
});

// Finish in-flight requests and close the database cleanly: PGlite's files must not be torn.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(async () => {
      await database.close();
      process.exit(0);
    });
  });
}
