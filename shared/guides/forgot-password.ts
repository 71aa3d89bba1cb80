import type { Guide } from "./types.ts";

/** "I forgot my password": typing mistakes first (the commonest cause), then a reset. */
export const forgotPassword: Guide = {
  id: "forgot-password",
  start: "typing",
  nodes: [
    { id: "typing", kind: "step", steps: ["caps", "show", "phone", "manager"], next: "typed" },
    {
      id: "typed",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "username" },
      ],
    },
    {
      id: "username",
      kind: "question",
      answers: [
        { id: "yes", next: "reset" },
        { id: "no", next: "find-username" },
      ],
    },
    {
      id: "find-username",
      kind: "action",
      action: "remindUsername",
      says: ["text"],
      next: "reset",
    },
    { id: "reset", kind: "action", action: "resetPassword", says: ["text"], next: "after-reset" },
    {
      id: "after-reset",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "noMessage", next: "no-message" },
        { id: "notFixed", next: "contact" },
      ],
    },
    { id: "no-message", kind: "step", steps: ["spam", "wait", "address"], next: "after-wait" },
    {
      id: "after-wait",
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
