// `npm test`: every check, in order, with one summary at the end.
//
// Each step runs even when an earlier one failed (except those that need the build), so one
// run shows everything that is wrong. The last line is `N passed, N failed`, counting each
// unit and end-to-end test, and each whole-project check (lint, types, build, budget) as one.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

interface Step {
  name: string;
  command: string;
  /** Where the step writes per-test results, when it has them. */
  results?: string;
  needs?: string;
}

const steps: Step[] = [
  { name: "lint and format (Biome)", command: "biome ci ." },
  { name: "types (tsc)", command: "npm run --silent typecheck" },
  {
    name: "unit tests (vitest)",
    command:
      "TZ=UTC vitest run --reporter=default --reporter=json --outputFile.json=test-results/unit.json",
    results: "test-results/unit.json",
  },
  // A FHIR date without a time is a calendar date (docs/decisions/0023-calendar-dates.md): the
  // device's code runs again west and east of UTC, where a shifted date shows a day out.
  ...["America/Los_Angeles", "Asia/Tokyo"].map((zone) => {
    const file = `test-results/unit-${zone.replace("/", "-")}.json`;
    return {
      name: `unit tests in ${zone} (vitest: client, shared)`,
      command: `TZ=${zone} vitest run --project client --project shared --reporter=default --reporter=json --outputFile.json=${file}`,
      results: file,
    };
  }),
  { name: "build (vite)", command: "vite build" },
  { name: "bundle budget", command: "tsx scripts/bundle-budget.ts", needs: "build (vite)" },
  {
    name: "end-to-end (Playwright, Chromium)",
    command: "playwright test",
    results: "test-results/e2e.json",
    needs: "build (vite)",
  },
];

const outcomes = new Map<string, { ok: boolean; passed: number; failed: number }>();
rmSync("test-results", { recursive: true, force: true });

for (const step of steps) {
  if (step.needs && !outcomes.get(step.needs)?.ok) {
    console.log(`\n── ${step.name}: not run, because ${step.needs} failed`);
    outcomes.set(step.name, { ok: false, passed: 0, failed: 1 });
    continue;
  }
  console.log(`\n── ${step.name}: ${step.command}`);
  const run = spawnSync(step.command, { shell: true, stdio: "inherit", env: process.env });
  const ok = run.status === 0;
  const counted = step.results ? countResults(step.results) : undefined;
  const counts = counted ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  // A runner that crashed before writing results still counts as a failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  outcomes.set(step.name, { ok, ...counts });
}

console.log("\n── summary");
let passed = 0;
let failed = 0;
for (const [name, outcome] of outcomes) {
  passed += outcome.passed;
  failed += outcome.failed;
  const mark = outcome.ok ? "ok  " : "FAIL";
  console.log(`${mark} ${name}: ${outcome.passed} passed, ${outcome.failed} failed`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

function countResults(path: string): { passed: number; failed: number } | undefined {
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(readFileSync(path, "utf8"));
  // vitest's JSON reporter (jest-compatible)
  if (typeof report.numPassedTests === "number") {
    return { passed: report.numPassedTests, failed: report.numFailedTests };
  }
  // Playwright's JSON reporter
  if (report.stats) {
    return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
  }
  return undefined;
}
