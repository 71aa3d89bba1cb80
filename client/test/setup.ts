// Runs before every client test file (vitest.config.ts, project "client").
import "fake-indexeddb/auto";
import { cleanup, configure } from "@solidjs/testing-library";
import { afterEach } from "vitest";
import { setMessageLoader, startI18n } from "../i18n/i18n.ts";
import type { MessageFile } from "../i18n/messages.ts";

// jsdom does no layout, so it has no scrolling; the router and the error summary scroll.
Element.prototype.scrollIntoView = () => {};
window.scrollTo = () => {};

// No server here to fetch the locale files from: read the very same files from disk.
// (Two imports: Vite resolves a variable import only one folder level deep.)
setMessageLoader(async (locale, namespace) => {
  const file = namespace
    ? await import(`../../shared/locales/${namespace}/${locale}.json`, { with: { type: "json" } })
    : await import(`../../shared/locales/${locale}.json`, { with: { type: "json" } });
  return file.default as MessageFile;
});

await startI18n("en");

// findBy… and waitFor wait for a condition; on a busy machine a lazy page can take more than
// Testing Library's default second to load, so they wait longer before they fail.
configure({ asyncUtilTimeout: 10_000 });

afterEach(async () => {
  cleanup();
  localStorage.clear();
  // Tests that switch language switch back, so the next file starts in English.
  // jsdom does no layout, so it has no scrolling; the router and the error summary scroll.
  Element.prototype.scrollIntoView = () => {};
  window.scrollTo = () => {};

  await startI18n("en");
});
