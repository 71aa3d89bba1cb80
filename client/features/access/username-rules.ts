import { usernameMinLength, usernamePattern } from "../../../shared/contracts/access.ts";
import { usernameMaxLength } from "../../../shared/contracts/sign-in-limits.ts";
import type { FieldProblem } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";

/** The username a person chooses, checked as the server's activation contract checks it. */
export function checkUsername(
  typed: string,
): "required" | "tooShort" | "tooLong" | "invalid" | null {
  const name = typed.trim();
  if (name === "") return "required";
  if (name.length < usernameMinLength) return "tooShort";
  if (name.length > usernameMaxLength) return "tooLong";
  if (!usernamePattern.test(name)) return "invalid";
  return null;
}

export function usernameMessage(problem: FieldProblem["problem"]): string {
  const values = { min: usernameMinLength, max: usernameMaxLength };
  if (problem === "required") return t("access.activate.username.required");
  if (problem === "tooShort") return t("access.activate.username.tooShort", values);
  if (problem === "tooLong") return t("access.activate.username.tooLong", values);
  return t("access.activate.username.invalid");
}
