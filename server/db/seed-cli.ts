// `npm run seed`: adds the demo accounts and records to the configured database (never in
// production). Safe to run again: what is already there is left as it is.
import { loadConfig } from "../config.ts";
import { openDatabase } from "./open.ts";
import { demoAccounts, demoPassword, seedDemo, seedDemoRecords } from "./seed.ts";

const config = loadConfig();
const { db, close } = await openDatabase(config);
try {
  const added = await seedDemo(db, config.production);
  console.log(
    added.length ? `Added demo accounts: ${added.join(", ")}` : "Demo accounts already present.",
  );
  console.log(
    `Demo accounts (password "${demoPassword}"): ${demoAccounts.map((a) => `${a.username} (${a.role})`).join(", ")}`,
  );
  for (const line of await seedDemoRecords(db, config.production)) console.log(`Record: ${line}`);
} finally {
  await close();
}
