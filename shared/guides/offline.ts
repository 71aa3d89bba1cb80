import type { Guide } from "./types.ts";

/** "I am offline or the connection is slow": what still works, then the connection itself. */
export const offline: Guide = {
  id: "offline",
  start: "works",
  nodes: [
    { id: "works", kind: "step", says: ["saved", "queued", "signOut"], next: "network" },
    { id: "network", kind: "check", check: "network", pass: "slow", fail: "connect" },
    { id: "connect", kind: "step", steps: ["data", "airplane", "other", "down"], next: "retry" },
    { id: "retry", kind: "check", check: "network", pass: "done", fail: "contact" },
    {
      id: "slow",
      kind: "step",
      says: ["text"],
      steps: ["move", "switch", "downloads"],
      next: "slow-worked",
    },
    {
      id: "slow-worked",
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
