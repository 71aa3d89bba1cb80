import type { Guide } from "./types.ts";

/** "Something shows an error code": what the code is for, then the device check, then support. */
export const errorCode: Guide = {
  id: "error-code",
  start: "what",
  nodes: [
    { id: "what", kind: "step", says: ["text"], steps: ["read", "again", "note"], next: "again" },
    {
      id: "again",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "check" },
      ],
    },
    { id: "check", kind: "action", action: "checkDevice", says: ["text"], next: "contact" },
    { id: "done", kind: "end", outcome: "resolved", says: ["text"] },
    { id: "contact", kind: "end", outcome: "contact", says: ["text"] },
  ],
};
