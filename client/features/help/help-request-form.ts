import * as v from "valibot";
import { type HelpRequest, helpRequest } from "../../../shared/contracts/help.ts";
import { fieldProblems } from "../../../shared/contracts/validation.ts";
import type { FieldProblem } from "../../../shared/errors.ts";
import type { Locale } from "../../../shared/locales/index.ts";

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
  const result = v.safeParse(helpRequest, { ...input, locale });
  if (result.success) return { ok: true, request: result.output };
  return { ok: false, problems: problemsByField(fieldProblems(result.issues)) };
}

export function problemsByField(fields: readonly FieldProblem[]): HelpRequestProblems {
  const problems: HelpRequestProblems = {};
  for (const { field, problem } of fields) {
    const known = helpRequestFields.find((name) => name === field);
    if (known && !problems[known]) problems[known] = problem;
  }
  return problems;
}
