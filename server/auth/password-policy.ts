/**
 * Whether a new password may be used (ASVS 6.2.1-6.2.12; NIST SP 800-63B 3.1.1.2).
 *
 * API, for every page that lets someone choose a password (activation, reset, change, support):
 *
 *   import { newPasswordProblem } from "../auth/password-policy.ts";
 *   const problem = newPasswordProblem(password, { username, email });
 *   if (problem) throw new ApiError("REQ-302", [{ field: "password", problem }]);
 *
 * `problem` is a key under `validation.*` in the core locale files, so the client shows it
 * with t(`validation.${problem}`) like any other field problem. Hash what was typed, unchanged,
 * with hashPassword (server/auth/password.ts): sign-in compares against the raw string.
 *
 * The rules: 8 to 64 characters, counted as Unicode code points after NFKC (so an emoji or a
 * CJK character is one); any character at all; no composition rules (ASVS 6.2.5); refused
 * when it is one of the ~18,000 most common passwords of 8 or more characters (ASVS 6.2.4), or
 * when it is little more than the username or email address (ASVS 6.2.11).
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import {
  newPasswordLength,
  newPasswordMaxLength,
  newPasswordMinLength,
} from "../../shared/contracts/access.ts";
import { passwordMaxLength } from "../../shared/contracts/sign-in-limits.ts";
import type { NewPasswordProblem } from "../../shared/errors.ts";

export type { NewPasswordProblem };
export { newPasswordMaxLength, newPasswordMinLength };

/**
 * What is left of a password once the username is taken out must be at least this long and
 * hold a letter of its own, or the password is "the username with something added"
 * ("rosa2024!", "ana.ana.ana").
 */
const minimumBeyondContext = 5;

let common: ReadonlySet<string> | undefined;

/**
 * The list of the most common passwords from @zxcvbn-ts/language-common (MIT; ~49,000 entries
 * ranked by frequency in leaked password sets). Only entries that the length rule would not
 * already refuse are kept. Built once, on first use, so a server that never sees a new
 * password never pays for it.
 */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(
    dictionary["passwords-common"]
      .map((entry) => fold(entry))
      .filter((entry) => [...entry].length >= newPasswordMinLength),
  );
  return common;
}

/** How many common passwords are checked against (tests and docs/security.md quote it). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Answers why `password` may not be chosen, or null when it may.
 *
 * @example
 * newPasswordProblem("correct horse battery", { username: "rosa" }) // null
 * newPasswordProblem("password1", { username: "rosa" })            // "passwordCommon"
 * newPasswordProblem("rosa2024!", { username: "rosa" })            // "passwordLikeUsername"
 */
export function newPasswordProblem(
  password: string,
  context: { username?: string | null; email?: string | null },
): NewPasswordProblem | null {
  const folded = fold(password);
  const length = newPasswordLength(password);
  if (length < newPasswordMinLength) return "passwordTooShort";
  // The second bound keeps every accepted password within what the sign-in form sends.
  if (length > newPasswordMaxLength || password.length > passwordMaxLength)
    return "passwordTooLong";
  if (commonPasswords().has(folded)) return "passwordCommon";
  if (builtOnContext(folded, context)) return "passwordLikeUsername";
  return null;
}

function builtOnContext(
  folded: string,
  context: { username?: string | null; email?: string | null },
): boolean {
  const email = context.email ? fold(context.email) : "";
  const words = [context.username ? fold(context.username) : "", email, email.split("@")[0] ?? ""]
    .filter((word) => [...word].length >= 3)
    // Longest first, so the whole address is taken out before its local part.
    .sort((a, b) => b.length - a.length);
  if (words.length === 0) return false;
  let rest = folded;
  for (const word of words) rest = rest.split(word).join("");
  if (rest === folded) return false;
  return [...rest].length < minimumBeyondContext || !/\p{L}/u.test(rest);
}
