import { expect, test } from "@playwright/test";
import { setDevicePin, unlockWithPin } from "./support/device-lock.ts";
import { text } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";
import { greeting, signIn } from "./support/sign-in.ts";

test("after one online visit and a device PIN, the home page opens offline from the saved profile", async ({
  page,
  context,
}) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Ana Rivera"));
  // The service worker must have precached the app shell and be in control.
  await controlledByServiceWorker(page);

  // Offline, the saved copy opens with the device's PIN (ADR 29), then shows the saved profile.
  await setDevicePin(page);
  await context.setOffline(true);
  await page.reload();
  await unlockWithPin(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Ana Rivera"));
  await expect(page.locator('[data-sync-status="offline"]')).toBeVisible();

  // Back online, the status says so.
  await context.setOffline(false);
  await expect(page.locator('[data-sync-status="offline"]')).toBeHidden();
});

test("a deep link opens offline too (navigation fallback)", async ({ page, context }) => {
  await page.goto("/help");
  await controlledByServiceWorker(page);
  await context.setOffline(true);
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "signIn.title"));
});
