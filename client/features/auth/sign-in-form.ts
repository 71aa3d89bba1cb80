import type { SignInRequest } from "../../../shared/contracts/auth.ts";
import { passwordMaxLength, usernameMaxLength } from "../../../shared/contracts/sign-in-limits.ts";
import type { FieldProblem } from "../../../shared/errors.ts";

export type SignInField = "username" | "password";

/** At most one problem per field, the first one found, as GOV.UK shows one message per field. */
export type SignInProblems = Partial<Record<SignInField, FieldProblem["problem"]>>;

/** The fields in page order: the error summary lists them in this order too. */
export const signInFields: readonly SignInField[] = ["username", "password"];

/**
 * Checks the form exactly as the server's `signInRequest` schema does (trim the username;
 * both required; the shared maximum lengths). Written out rather than running valibot here:
 * valibot would add 1.4 KB to the sign-in page's 40 KB budget.
 * sign-in-form.test.ts proves that this and the schema agree on every case.
 */
export function checkSignIn(
  input: Record<SignInField, string>,
): { ok: true; request: SignInRequest } | { ok: false; problems: SignInProblems } {
  const username = input.username.trim();
  const { password } = input;
  const problems: SignInProblems = {};
  if (username === "") problems.username = "required";
  else if (username.length > usernameMaxLength) problems.username = "tooLong";
  if (password === "") problems.password = "required";
  else if (password.length > passwordMaxLength) problems.password = "tooLong";
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, request: { username, password } };
}

/** Keeps the first problem of each sign-in field; problems about other fields are dropped. */
export function problemsByField(problems: readonly FieldProblem[]): SignInProblems {
  const byField: SignInProblems = {};
  for (const { field, problem } of problems) {
    if (isSignInField(field) && !byField[field]) byField[field] = problem;
  }
  return byField;
}

export function isSignInField(field: string): field is SignInField {
  return (signInFields as readonly string[]).includes(field);
}
