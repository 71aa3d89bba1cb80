import type { Guide } from "./types.ts";

/** "I forgot my username": where it is written down, then a reminder, then support. */
export const forgotUsername: Guide = {
  id: "forgot-username",
  start: "where",
  nodes: [
    {
      id: "where",
      kind: "step",
      says: ["text"],
      steps: ["letter", "email", "saved"],
      next: "found",
    },
    {
      id: "found",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "remind" },
      ],
    },
    { id: "remind", kind: "action", action: "remindUsername", says: ["text"], next: "reminded" },
    {
      id: "reminded",
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
