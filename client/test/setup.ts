// Runs before every client test file (vitest.config.ts, project "client").
import "fake-indexeddb/auto";
import { cleanup } from "@solidjs/testing-library";
import { afterEach } from "vitest";
import { setMessageLoader, startI18n } from "../i18n/i18n.ts";
import type { Messages } from "../i18n/messages.ts";

// jsdom does no layout, so it has no scrolling; the router and the error summary scroll.
Element.prototype.scrollIntoView = () => {};
window.scrollTo = () => {};

// No server here to fetch the locale files from: read the very same files from disk.
setMessageLoader(
  async (locale) =>
    (await import(`../../shared/locales/${locale}.json`, { with: { type: "json" } }))
      .default as Messages,
);

await startI18n("en");

afterEach(async () => {
  cleanup();
  localStorage.clear();
  // Tests that switch language switch back, so the next file starts in English.
  // jsdom does no layout, so it has no scrolling; the router and the error summary scroll.
  Element.prototype.scrollIntoView = () => {};
  window.scrollTo = () => {};

  await startI18n("en");
});
