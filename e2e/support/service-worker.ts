import { expect, type Page } from "@playwright/test";

/**
 * Waits for the service worker to have precached the app shell, then reloads so that it
 * controls the page: from then on a reload or a deep link opens with no network.
 */
export async function controlledByServiceWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
    .toBe(true);
}
