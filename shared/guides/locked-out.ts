import type { Guide } from "./types.ts";

/** "I am told to wait / I am locked out": Hearth throttles, it never locks (ADR 0011). */
export const lockedOut: Guide = {
  id: "locked-out",
  start: "why",
  nodes: [
    {
      id: "why",
      kind: "step",
      says: ["text", "notYou"],
      steps: ["wait", "stop", "check"],
      next: "waited",
    },
    {
      id: "waited",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "forgot", next: "reset" },
        { id: "still", next: "contact" },
      ],
    },
    { id: "reset", kind: "action", action: "resetPassword", says: ["text"], next: "after-reset" },
    {
      id: "after-reset",
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
