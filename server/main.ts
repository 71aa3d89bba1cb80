import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase } from "./db/open.ts";
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
const database = await openDatabase(config);
const where =
  database.kind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${config.dataDir}`;

if (!config.production) {
  if (await isEmpty(database.db)) {
    await seedDemo(database.db, config.production);
    await seedDemoRecords(database.db, config.production);
  }
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
