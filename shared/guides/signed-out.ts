import type { Guide } from "./types.ts";

/**
 * "I keep being signed out": the session limits (30 minutes idle, 12 hours in all; HIPAA
 * automatic logoff), then cookies, which a session needs.
 */
export const signedOut: Guide = {
  id: "signed-out",
  start: "why",
  nodes: [
    {
      id: "why",
      kind: "step",
      says: ["text"],
      steps: ["idle", "limit", "password"],
      next: "again",
    },
    {
      id: "again",
      kind: "question",
      answers: [
        { id: "no", next: "done" },
        { id: "yes", next: "cookies" },
      ],
    },
    { id: "cookies", kind: "check", check: "cookies", pass: "private", fail: "allow-cookies" },
    { id: "allow-cookies", kind: "step", says: ["text"], next: "private" },
    { id: "private", kind: "step", says: ["text"], next: "after" },
    {
      id: "after",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "contact" },
      ],
    },
    { id: "done", kind: "end", outcome: "resolved", says: ["text"] },
    { id: "contact", kind: "end", outcome: "contact", says: ["text"] },
  ],
};
