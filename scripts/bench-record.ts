// `npm run bench:record`: how fast the test results list first renders for a patient with a
// long record (docs/benchmarks.md, "Record pages"). Printed, never asserted (docs/architecture.md).
//
// A real server (createApp on @hono/node-server, serving the built client) on an in-memory
// PGlite holds one generated patient from `largePatient()` — 12 years of type 2 diabetes care
// with home glucose readings, over 5,000 Observations. Real Chromium signs in, lets the first
// sync fill IndexedDB, then loads /record/results several times and records when the first
// report's table appears (performance.now() from navigation start, seen by a MutationObserver
// installed before the page's own scripts), and the same for one test's whole history.
//
// Measures the build in dist/client (made first if missing; BENCH_CLIENT_DIR points elsewhere).
// Chromium: CHROMIUM_PATH, else /usr/bin/chromium. BENCH_YEARS and BENCH_RUNS change the size.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Page } from "@playwright/test";
import { openDatabase } from "../server/db/open.ts";
import { largePatient } from "../server/fhir/generator/demo-patients.ts";
import { generatePatientRecord } from "../server/fhir/generator/patient-record.ts";
import { addPatientWithRecord } from "../server/test/records.ts";
import { startBenchServer } from "./bench-server.ts";

const clientDir = process.env.BENCH_CLIENT_DIR ?? "./dist/client";
const years = Number(process.env.BENCH_YEARS ?? 12);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (!existsSync(`${clientDir}/index.html`)) {
  // `npm run bench` on a fresh checkout: build the client it measures.
  console.log(`No built client in ${clientDir}: building it (npm run build).`);
  const built = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  if (built.status !== 0 || !existsSync(`${clientDir}/index.html`)) process.exit(1);
}

const database = await openDatabase({});
const bundle = generatePatientRecord(largePatient(42, years));
const observations = (bundle.entry ?? []).filter(
  (e) => (e.resource as { resourceType?: string } | undefined)?.resourceType === "Observation",
).length;
await addPatientWithRecord(database.db, "bench", JSON.stringify(bundle));

const { origin, server } = await startBenchServer(database.db, { CLIENT_DIR: clientDir });

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext({
  baseURL: origin,
  viewport: { width: 412, height: 915 },
});
// Records, on every page load, when the selector in window.__benchSelector first matches.
// A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
await context.addInitScript({
  content: `(() => {
    const selector = sessionStorage.getItem("bench-selector") || "";
    const observer = new MutationObserver(() => {
      if (window.__benchAt === undefined && selector && document.querySelector(selector)) {
        window.__benchAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`,
});
const page = await context.newPage();

const signInStarted = performance.now();
await page.goto("/sign-in");
await page.locator("#username").fill("bench");
await page.locator("#password").fill("hearth-demo");
await page.locator("main form button[type=submit]").click();
await page.waitForURL(`${origin}/`);
await page.locator('[data-sync-status="up-to-date"]').waitFor({ timeout: 300_000 });
const firstSyncMs = performance.now() - signInStarted;

/** Loads `path` `runs` times; answers the times at which `selector` first appeared. */
async function timeFirstRender(path: string, selector: string): Promise<number[]> {
  const times: number[] = [];
  await page.evaluate((s) => sessionStorage.setItem("bench-selector", s), selector);
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(path);
    await page.locator(selector).first().waitFor({ timeout: 60_000 });
    const at = await page.evaluate(() => (window as unknown as { __benchAt?: number }).__benchAt);
    // The first load warms the HTTP and service-worker caches, as an installed app's would be.
    if (i > 0 && at !== undefined) times.push(at);
  }
  return times;
}

async function firstHistoryHref(p: Page): Promise<string> {
  await p.goto("/record/results");
  const link = p.locator('main a[href^="/record/results/"]').first();
  await link.waitFor();
  return (await link.getAttribute("href")) as string;
}

const list = await timeFirstRender("/record/results", "main table caption");
const historyHref = await firstHistoryHref(page);
const history = await timeFirstRender(historyHref, "main figure svg");
const rows = await page.locator("main .record-history table tbody tr").count();
const summary = await page.locator("main figure figcaption p").first().textContent();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const ms = (x: number) => `${Math.round(x)} ms`;
const line = (name: string, xs: number[]) =>
  `${name.padEnd(46)} median ${ms(median(xs)).padStart(7)}   min ${ms(Math.min(...xs)).padStart(7)}   max ${ms(Math.max(...xs)).padStart(7)}   (${xs.length} loads)`;

console.log(`Record pages in Chromium (${chromiumPath}), viewport 412×915, PGlite in memory`);
console.log(
  `Patient: ${years} years, ${bundle.entry?.length ?? 0} resources, ${observations} Observations`,
);
console.log(`First sign-in and full sync into IndexedDB: ${ms(firstSyncMs)}`);
console.log(line("results list, first report table on screen", list));
console.log(line("one test's history (chart) on screen", history));
console.log(`  that history: "${summary}"; ${rows} table rows on the first screen`);

await browser.close();
server.closeAllConnections();
server.close();
await database.close();
