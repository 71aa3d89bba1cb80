/// <reference lib="webworker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  type PrecacheEntry,
  precacheAndRoute,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";

/**
 * Hearth's service worker. It caches the app itself (HTML, JavaScript, CSS, icons, every
 * language), never API answers: personal data lives in Dexie, where it can be versioned and
 * wiped at sign-out (docs/architecture.md, "Service worker").
 */
declare const self: ServiceWorkerGlobalScope & {
  /** Replaced at build time by vite-plugin-pwa (injectManifest) with the precache list. */
  __WB_MANIFEST: (PrecacheEntry | string)[];
};

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// Every page of the app is index.html plus a route: serve it from the precache, so /help or
// / open offline. API calls are never navigations we answer.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("index.html"), { denylist: [/^\/api\//] }),
);

// A new version waits until the page asks for it (the "Reload" button, via workbox-window).
self.addEventListener("message", (event) => {
  if (event.data?.type === "SKIP_WAITING") void self.skipWaiting();
});
