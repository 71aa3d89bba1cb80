import { expect, type Page, test } from "@playwright/test";
import type { Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { locales, text, wordsOf } from "./support/locales.ts";
import { demoPassword } from "./support/sign-in.ts";

const words = wordsOf("security");

// The server's idle timeout stays the shared default (30 minutes, server/config.ts). The page's
// clock is Playwright's (page.clock): jumping it forward is how a person "waits" 28 minutes.
// The server's end of the session does not move meanwhile (its last-seen time is written at
// most once a real minute), so the page counts down exactly as it would in real time.
const untilWarning = "28:05";

/** "You will be signed out in 1:5x.": the count, give or take the real seconds a test takes. */
function countdown(locale: string, time: string): RegExp {
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const [before = "", after = ""] = words(locale, "idle.countdown", { time: "TIME" }).split("TIME");
  return new RegExp(`${literal(before)}${time}${literal(after)}`);
}

async function signInFresh(page: Page, username: string, locale = "en", shared = false) {
  await page.clock.install();
  await page.goto("/sign-in");
  await page.getByLabel(text(locale, "signIn.username.label")).fill(username);
  await page.getByLabel(text(locale, "signIn.password.label"), { exact: true }).fill(demoPassword);
  if (shared) await page.getByLabel(text(locale, "signIn.sharedDevice.label")).check();
  // The watcher asks the server how long is left as soon as someone is signed in.
  const asked = page.waitForResponse((res) => res.url().endsWith("/api/account/session-time"));
  await page.getByRole("button", { name: text(locale, "signIn.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await asked;
  // The watcher reads the answer and sets its timer a moment after the response arrives; a
  // jump of the page's clock before that would leave the timer 28 minutes away (it was the
  // cause of a flaky run). Half a second of real time is ample for that microtask chain.
  await page.waitForTimeout(500);
}

test("warns two minutes before the idle timeout; Stay signed in, by keyboard, keeps the session", async ({
  page,
}) => {
  await signInFresh(page, "omar");
  await page.clock.fastForward("20:00");
  await expect(page.getByRole("alertdialog")).toHaveCount(0);

  await page.clock.fastForward("08:05");
  const dialog = page.getByRole("alertdialog", { name: words("en", "idle.title") });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(countdown("en", "1:5\\d"));
  const stay = dialog.getByRole("button", { name: words("en", "idle.stay") });
  await expect(stay).toBeFocused();
  expect(await axeViolations(page), "idle dialog").toEqual([]);

  // Keyboard only: Tab stays inside the modal dialog, between its two buttons.
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: words("en", "idle.signOut") })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(stay).toBeFocused();
  // The count runs on.
  await page.clock.fastForward("00:10");
  await expect(dialog).toContainText(countdown("en", "1:4\\d"));
  const extended = page.waitForResponse((res) => res.url().endsWith("/session-time/extend"));
  await page.keyboard.press("Enter");
  expect((await extended).status()).toBe(200);
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(200);

  // A full idle period later the dialog is back: the server's clock restarted from "Stay".
  await page.clock.fastForward("27:00");
  await expect(dialog).toHaveCount(0);
  await page.clock.fastForward("01:05");
  await expect(dialog).toBeVisible();
  // Escape means "stay" too.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
});

test("when the time runs out on a shared device, the person lands on sign-in, told why, with nothing left", async ({
  page,
}) => {
  await signInFresh(page, "ana", "en", true);
  const userId = await page.evaluate(() => localStorage.getItem("hearth.lastUserId"));
  expect(userId).toBeTruthy();
  // The device's copy exists while signed in.
  await expect
    .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .toContain(`hearth-${userId}`);

  await page.clock.fastForward(untilWarning);
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(text("en", "errors.AUTH-147.message"))).toBeVisible();
  expect(await axeViolations(page), "sign-in after the idle timeout").toEqual([]);

  // Nothing of theirs is left: not the session, not the database, not the last-user entry.
  expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
  expect(await page.evaluate(() => localStorage.getItem("hearth.lastUserId"))).toBeNull();
  const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).not.toContain(`hearth-${userId}`);
});

test("Sign out in the dialog signs out at once", async ({ page }) => {
  await signInFresh(page, "omar");
  await page.clock.fastForward(untilWarning);
  const dialog = page.getByRole("alertdialog");
  await dialog.getByRole("button", { name: words("en", "idle.signOut") }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText(text("en", "status.signedOut"))).toBeVisible();
  expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(401);
});

for (const locale of locales as readonly Locale[]) {
  test(`the idle dialog is translated and axe-clean in ${locale}`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await signInFresh(page, "dr.lee", locale);
    await page.clock.fastForward(untilWarning);
    const dialog = page.getByRole("alertdialog", { name: words(locale, "idle.title") });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: words(locale, "idle.stay") })).toBeFocused();
    expect(await axeViolations(page), `idle dialog in ${locale}`).toEqual([]);
    await context.close();
  });
}
