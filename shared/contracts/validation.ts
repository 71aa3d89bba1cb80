import type * as v from "valibot";
import type { FieldProblem } from "../errors.ts";

/**
 * Turns valibot issues into catalog field problems, so client and server report the same
 * thing for the same bad input without either one sending English text.
 */
export function fieldProblems(issues: readonly v.BaseIssue<unknown>[]): FieldProblem[] {
  return issues.map((issue) => {
    const field = issue.path?.map((p) => String(p.key)).join(".") || "body";
    return { field, problem: problemOf(issue) };
  });
}

function problemOf(issue: v.BaseIssue<unknown>): FieldProblem["problem"] {
  if (issue.input === undefined || issue.input === "") return "required";
  // freeText (shared/contracts/free-text.ts): text of only invisible characters is empty.
  if (issue.type === "check" && issue.message === "required") return "required";
  if (issue.type === "min_length") return issue.input === "" ? "required" : "tooShort";
  if (issue.type === "max_length") return "tooLong";
  return "invalid";
}
