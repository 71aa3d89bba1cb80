import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/**
 * zxcvbn's estimate of how long a password would resist guessing, as one of four levels.
 * This module weighs about 400 KB with its dictionaries: NewPasswordField imports it lazily,
 * so only pages where a password is chosen ever download it, never the sign-in page.
 * It is a hint, not a rule: what is refused is decided by the server's policy
 * (server/auth/password-policy.ts), with a plain reason.
 */
export type StrengthLevel = "weak" | "fair" | "good" | "strong";

const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

export function strengthOf(password: string, userInputs: readonly string[]): StrengthLevel {
  const { score } = estimator.check(
    password,
    userInputs.filter((input) => input.length > 0),
  );
  if (score <= 1) return "weak";
  if (score === 2) return "fair";
  if (score === 3) return "good";
  return "strong";
}
