import type { Guide } from "./types.ts";

/** "The app does not update or looks out of date": the service worker's waiting version. */
export const appNotUpdating: Guide = {
  id: "app-not-updating",
  start: "how",
  nodes: [
    {
      id: "how",
      kind: "step",
      says: ["text"],
      steps: ["reload", "close", "online"],
      next: "version",
    },
    { id: "version", kind: "check", check: "serviceWorker", pass: "updated", fail: "reset" },
    {
      id: "updated",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "reset" },
      ],
    },
    { id: "reset", kind: "action", action: "resetApp", says: ["text"], next: "after-reset" },
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
