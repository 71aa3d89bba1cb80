import type { Guide } from "./types.ts";

/**
 * "The page is blank, keeps reloading or will not load": the browser, cookies and the
 * connection are checked automatically; then a private window, then clearing this site's
 * data in the person's own browser, then resetting the app.
 */
export const pageWillNotLoad: Guide = {
  id: "page-will-not-load",
  start: "what",
  nodes: [
    {
      id: "what",
      kind: "question",
      answers: [
        { id: "blank", next: "browser" },
        { id: "reloading", next: "cookies" },
        { id: "noLoad", next: "network" },
      ],
    },
    { id: "browser", kind: "check", check: "browser", pass: "private", fail: "update-browser" },
    {
      id: "update-browser",
      kind: "step",
      says: ["text"],
      steps: ["supported", "update"],
      next: "private",
    },
    { id: "cookies", kind: "check", check: "cookies", pass: "private", fail: "allow-cookies" },
    {
      id: "allow-cookies",
      kind: "step",
      says: ["text"],
      steps: ["chrome", "safari", "firefox"],
      next: "private",
    },
    { id: "network", kind: "check", check: "network", pass: "private", fail: "connect" },
    { id: "connect", kind: "step", steps: ["data", "airplane", "other"], next: "private" },
    {
      id: "private",
      kind: "step",
      says: ["text"],
      steps: ["close", "normal"],
      next: "private-worked",
    },
    {
      id: "private-worked",
      kind: "question",
      answers: [
        { id: "fixed", next: "done" },
        { id: "notFixed", next: "which-browser" },
      ],
    },
    {
      id: "which-browser",
      kind: "question",
      says: ["text"],
      answers: [
        { id: "chrome", next: "clear-chrome" },
        { id: "safari", next: "clear-safari" },
        { id: "firefox", next: "clear-firefox" },
        { id: "edge", next: "clear-edge" },
        { id: "samsung", next: "clear-samsung" },
      ],
    },
    { id: "clear-chrome", kind: "step", steps: ["computer", "android"], next: "cleared" },
    { id: "clear-safari", kind: "step", steps: ["iphone", "mac"], next: "cleared" },
    { id: "clear-firefox", kind: "step", steps: ["computer", "android"], next: "cleared" },
    { id: "clear-edge", kind: "step", steps: ["computer", "phone"], next: "cleared" },
    { id: "clear-samsung", kind: "step", steps: ["menu", "manage"], next: "cleared" },
    {
      id: "cleared",
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
