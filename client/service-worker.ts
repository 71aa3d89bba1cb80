import { createSignal } from "solid-js";
import type { Workbox } from "workbox-window";

const [updateReady, setUpdateReady] = createSignal(false);
let workbox: Workbox | undefined;

/** True when a new version of the app is installed and waiting for the person to reload. */
export { updateReady };

/**
 * Registers /sw.js through workbox-window (fetched once the page has loaded, so it costs
 * the first paint nothing) and watches for updates: a new service worker waits until the person
 * chooses "Reload", because swapping the app under someone filling in a form loses their work.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  // After the page has loaded: the first visit's bandwidth goes to what the person sees.
  if (document.readyState !== "complete") {
    await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  }
  const { Workbox } = await import("workbox-window");
  workbox = new Workbox("/sw.js", { scope: "/" });
  workbox.addEventListener("waiting", () => setUpdateReady(true));
  // A phone may keep the app open for days: look for a new version each time it comes back.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void workbox?.update();
  });
  await workbox.register();
}

/** Activates the waiting version (sw.ts listens for SKIP_WAITING), then reloads into it. */
export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener("controlling", () => window.location.reload());
  workbox.messageSkipWaiting();
}
