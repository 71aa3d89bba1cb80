import axe from "axe-core";
import { expect } from "vitest";

/**
 * axe-core over what a component test rendered, failing with each violation and its elements.
 * jsdom cannot compute colours, so contrast is left to the e2e tests; a part of a page rendered
 * alone may pass `{ landmarks: false }`, having no page around it.
 */
export async function expectNoAxeViolations(options: { landmarks?: boolean } = {}): Promise<void> {
  const rules: axe.RuleObject = { "color-contrast": { enabled: false } };
  if (options.landmarks === false) rules.region = { enabled: false };
  const results = await axe.run(
    options.landmarks === false ? document.body : document.documentElement,
    {
      rules,
    },
  );
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`),
  ).toEqual([]);
}
