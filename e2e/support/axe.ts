import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import type { AxeResults } from "axe-core";

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

/** The rule sets the issue names: WCAG 2.0/2.1/2.2 A and AA, plus axe's best practices. */
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

/**
 * Runs axe-core in the page and returns its violations, each summarised with the offending
 * nodes so a failure message says what to fix. `page.evaluate` runs outside the page's CSP, so
 * the strict policy stays on during the test.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const results = (await page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: { run: (...a: unknown[]) => unknown } }).axe.run(document, {
        runOnly: { type: "tag", values: runOnly },
      }),
    tags,
  )) as AxeResults;
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
}
