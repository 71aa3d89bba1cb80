import { expect, type Page } from "@playwright/test";
import { text } from "./locales.ts";

/** The PIN the device-lock helpers set and type unless told otherwise. */
export const defaultPin = "246810";

/**
 * Sets this device's PIN through the form on /account, as a person would, waits until the
 * screen reader is told it is set, then goes back to the page it was called from.
 */
export async function setDevicePin(page: Page, pin = defaultPin): Promise<void> {
  const previous = page.url();
  await page.goto("/account");
  const section = page.getByRole("region", { name: text("en", "lock.device.heading") });
  await section.getByLabel(text("en", "lock.device.newPin"), { exact: true }).fill(pin);
  await section.getByLabel(text("en", "lock.device.repeatPin"), { exact: true }).fill(pin);
  await section.getByRole("button", { name: text("en", "lock.device.setPin") }).click();
  // Said in the live region and shown in the section; the shown one stays to be waited for.
  await expect(section.getByText(text("en", "lock.device.saved"))).toBeVisible();
  if (previous && previous !== "about:blank") await page.goto(previous);
}

/**
 * On /unlock (where a page that needs sign-in sends a locked copy): types the PIN, submits,
 * and waits until the page has moved on. From a page that does not need sign-in (help), opens
 * /unlock with the way back to it first, as its "Sign in" would not.
 */
export async function unlockWithPin(page: Page, pin = defaultPin): Promise<void> {
  const here = new URL(page.url());
  // Read before the app has sent a page that needs sign-in to /unlock, this is still that page:
  // going to /unlock with it as `next` is what the app does.
  if (here.pathname !== "/unlock") {
    await page.goto(`/unlock?next=${encodeURIComponent(here.pathname + here.search)}`);
  }
  await expect(page).toHaveURL(/\/unlock(\?|$)/);
  await page.getByLabel(text("en", "lock.unlock.pinLabel"), { exact: true }).fill(pin);
  await page.getByRole("button", { name: text("en", "lock.unlock.submit"), exact: true }).click();
  await expect(page).not.toHaveURL(/\/unlock(\?|$)/, { timeout: 20_000 });
}
