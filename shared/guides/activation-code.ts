import type { Guide } from "./types.ts";

/** "My activation code does not work": expired, typed wrong, or never received. */
export const activationCode: Guide = {
  id: "activation-code",
  start: "what",
  nodes: [
    {
      id: "what",
      kind: "question",
      answers: [
        { id: "wrong", next: "typing" },
        { id: "expired", next: "expired" },
        { id: "never", next: "never" },
      ],
    },
    {
      id: "typing",
      kind: "step",
      steps: ["asPrinted", "lookalike", "birthDate", "once"],
      next: "try-again",
    },
    { id: "try-again", kind: "action", action: "activate", next: "typed" },
    {
      id: "typed",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "already", next: "sign-in" },
        { id: "notFixed", next: "contact" },
      ],
    },
    { id: "sign-in", kind: "action", action: "signIn", says: ["text"], next: "done" },
    { id: "expired", kind: "step", says: ["text"], next: "contact" },
    { id: "never", kind: "step", says: ["text"], steps: ["spam", "letter"], next: "contact" },
    { id: "done", kind: "end", outcome: "resolved", says: ["text"] },
    { id: "contact", kind: "end", outcome: "contact", says: ["text"] },
  ],
};
