// Runs before every client test file (vitest.config.ts, project "client").
import "fake-indexeddb/auto";
import { cleanup, configure } from "@solidjs/testing-library";
import { afterEach } from "vitest";
import { setMessageLoader, startI18n } from "../i18n/i18n.ts";
import type { MessageFile } from "../i18n/messages.ts";

// Node's structuredClone, which fake-indexeddb stores with, gives typed arrays back from Node's
// realm, not this jsdom page's, and Dexie's cache then copies them as plain objects. A browser
// has one realm; here the sealed bytes of the device copy (client/local/lock) are given back as
// this page's Uint8Array, as a browser's IndexedDB would.
const cloneInNode = globalThis.structuredClone;
globalThis.structuredClone = ((value: unknown, options?: StructuredSerializeOptions) =>
  inThisRealm(cloneInNode(value, options))) as typeof structuredClone;
function inThisRealm(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (ArrayBuffer.isView(value)) {
    return value instanceof Uint8Array
      ? value
      : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  if (Array.isArray(value)) return value.map(inThisRealm);
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  for (const [key, field] of Object.entries(value)) {
    (value as Record<string, unknown>)[key] = inThisRealm(field);
  }
  return value;
}

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
  await startI18n("en");
});
