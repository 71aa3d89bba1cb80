import { type HelpRequest, helpRequest } from "../../../shared/contracts/help.ts";
import type { FieldProblem } from "../../../shared/errors.ts";
import type { Locale } from "../../../shared/locales/index.ts";
import { checkWithSchema } from "../../ui/schema-check.ts";

export const helpRequestFields = ["name", "contact", "message", "diagnosticCode"] as const;
export type HelpRequestField = (typeof helpRequestFields)[number];
export type HelpRequestProblems = Partial<Record<HelpRequestField, FieldProblem["problem"]>>;

export interface HelpRequestInput {
  name: string;
  contact: string;
  message: string;
  diagnosticCode: string;
}

/**
 * Checks the form with the same contract the server uses, so both find the same problems;
 * the first problem of each field is the one shown (GOV.UK: one message per field).
 *
 * @example checkHelpRequest(input, "en") // { ok: false, problems: { name: "required" } }
 */
export function checkHelpRequest(
  input: HelpRequestInput,
  locale: Locale,
): { ok: true; request: HelpRequest } | { ok: false; problems: HelpRequestProblems } {
  const checked = checkWithSchema(helpRequest, { ...input, locale });
  if (checked.ok) return { ok: true, request: checked.output };
  return { ok: false, problems: problemsByField(checked.problems) };
}

export function problemsByField(fields: readonly FieldProblem[]): HelpRequestProblems {
  const problems: HelpRequestProblems = {};
  for (const { field, problem } of fields) {
    const known = helpRequestFields.find((name) => name === field);
    if (known && !problems[known]) problems[known] = problem;
  }
  return problems;
}
