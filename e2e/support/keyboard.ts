import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Presses Tab until `target` has focus: the keyboard, and nothing else, gets there. It waits
 * for `target` to be on the page first: on a busy machine the page may still be rendering, and the
 * presses could run out before it exists.
 */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  await expect(target).toBeAttached();
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}
