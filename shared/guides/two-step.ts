import type { Guide } from "./types.ts";

/**
 * "My code did not arrive (or does not work)": by email, by text message or from an
 * authenticator app, where a wrong device clock is the usual cause (RFC 6238 codes are
 * computed from the time), then recovery codes.
 */
export const twoStep: Guide = {
  id: "two-step",
  start: "how",
  nodes: [
    {
      id: "how",
      kind: "question",
      answers: [
        { id: "email", next: "email" },
        { id: "sms", next: "sms" },
        { id: "app", next: "app" },
        { id: "lost", next: "other-way" },
      ],
    },
    {
      id: "email",
      kind: "step",
      steps: ["spam", "search", "wait", "newest"],
      next: "email-worked",
    },
    {
      id: "email-worked",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "other-way" },
      ],
    },
    { id: "sms", kind: "step", steps: ["signal", "wait", "filter", "newest"], next: "sms-worked" },
    {
      id: "sms-worked",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "other-way" },
      ],
    },
    { id: "app", kind: "step", steps: ["account", "current", "digits"], next: "clock" },
    {
      id: "clock",
      kind: "check",
      check: "clock",
      says: ["text"],
      pass: "app-worked",
      fail: "fix-clock",
    },
    {
      id: "fix-clock",
      kind: "step",
      says: ["text"],
      steps: ["android", "iphone", "computer"],
      next: "app-worked",
    },
    {
      id: "app-worked",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "other-way" },
      ],
    },
    {
      id: "other-way",
      kind: "question",
      answers: [
        { id: "recovery", next: "recovery" },
        { id: "none", next: "contact" },
      ],
    },
    {
      id: "recovery",
      kind: "step",
      steps: ["choose", "type", "once", "setUp"],
      next: "recovery-worked",
    },
    {
      id: "recovery-worked",
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
