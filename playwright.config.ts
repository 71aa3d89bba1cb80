import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive the machine's own Chromium (Playwright's browser download cannot be
 * used here): CHROMIUM_PATH, else /usr/bin/chromium.
 */
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(chromium)) {
  throw new Error(
    `No Chromium at ${chromium}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

const port = Number(process.env.E2E_PORT || 8799);
const origin = `http://localhost:${port}`;
// Several people (or agents) can run the suite side by side on one machine, each with their own
// port, build (CLIENT_DIR) and results folder (E2E_OUTPUT); the defaults are what CI uses.
const output = process.env.E2E_OUTPUT || "test-results";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: `${output}/artifacts`,
  reporter: [["list"], ["json", { outputFile: `${output}/e2e.json` }]],
  use: {
    baseURL: origin,
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-quic",
        "--no-first-run",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
  },
  // A FHIR date without a time is a calendar date and never shifts
  // (docs/decisions/0023-calendar-dates.md): the record pages run again west of UTC (all but
  // the per-language axe sweep, which has no dates of its own) and east of UTC (the tests that
  // show or filter by dates).
  projects: [
    { name: "chromium", use: { timezoneId: "UTC" } },
    {
      name: "los-angeles",
      testMatch: /record\.spec\.ts/,
      grepInvert: /axe-clean/,
      use: { timezoneId: "America/Los_Angeles" },
    },
    {
      name: "tokyo",
      testMatch: /record\.spec\.ts/,
      grep: /calendar date|date filter|history/,
      use: { timezoneId: "Asia/Tokyo" },
    },
  ],
  webServer: {
    // The real server and the real built client, on a fresh in-memory database with the demo seed.
    command: "tsx server/main.ts",
    url: `${origin}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(port),
      PUBLIC_ORIGIN: origin,
      DATA_DIR: "memory://",
      DATABASE_URL: "",
      CLIENT_DIR: process.env.CLIENT_DIR || "./dist/client",
      NODE_ENV: "test",
      // GET /api/dev/outbox: tests read the codes the development transport "sent".
      EXPOSE_OUTBOX: "true",
    },
  },
});
