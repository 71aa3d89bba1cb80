import { type Browser, expect, type Page, test } from "@playwright/test";
import { directionOf, type Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { locales, text, wordsOf } from "./support/locales.ts";
import { demoPassword, signIn } from "./support/sign-in.ts";

const words = wordsOf("security");

const firefoxOnWindows =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** A second device: its own browser context, signed in as `username`. */
async function otherDevice(browser: Browser, username: string, password = demoPassword) {
  const context = await browser.newContext({ userAgent: firefoxOnWindows });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill(username);
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(password);
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  return { context, page };
}

async function openAccountPage(page: Page, locale = "en") {
  await page
    .getByRole("navigation")
    .getByRole("link", { name: text(locale, "layout.account") })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(words(locale, "title"));
}

/** Whether the page's session is still alive, asked the way the app asks. */
async function signedIn(page: Page): Promise<boolean> {
  return page.evaluate(async () => (await fetch("/api/me")).status === 200);
}

test("lists this device and another, and signs the other one out", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const other = await otherDevice(browser, "ana");
  await signIn(page, "ana");
  await openAccountPage(page);
  const list = page.locator(".session-list");
  const mine = list.getByRole("listitem").filter({ hasText: words("en", "sessions.thisDevice") });
  await expect(mine).toHaveCount(1);
  const firefox = list
    .getByRole("listitem")
    .filter({ hasText: words("en", "sessions.device", { browser: "Firefox", system: "Windows" }) });
  await expect(firefox).toHaveCount(1);
  await expect(mine.getByRole("button")).toHaveCount(0);
  expect(await axeViolations(page), "account page").toEqual([]);

  await firefox.getByRole("button", { name: words("en", "sessions.signOut") }).click();
  await expect(firefox).toHaveCount(0);
  await expect(page.getByRole("heading", { name: words("en", "sessions.heading") })).toBeFocused();
  expect(await signedIn(other.page)).toBe(false);
  expect(await signedIn(page)).toBe(true);
  await other.context.close();
});

test("changes the password by keyboard alone: other devices out, this one stays, a notice sent", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const other = await otherDevice(browser, "lena");
  await signIn(page, "lena");
  await openAccountPage(page);
  const newPassword = "a long new passphrase for lena";

  // Keyboard only from here: Tab to the button, Enter, type, Enter.
  const change = page.getByRole("button", { name: words("en", "password.change") });
  for (
    let presses = 0;
    presses < 40 && !(await change.evaluate((el) => el === document.activeElement));
    presses++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(change).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: words("en", "password.change") })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(words("en", "password.newLabel"), { exact: true })).toBeFocused();
  // Too short first: the summary says so and nothing typed is lost.
  await page.keyboard.type("short");
  await page.keyboard.press("Enter");
  await expect(page.locator(".error-summary")).toBeFocused();
  expect(await axeViolations(page), "password form with an error").toEqual([]);
  const field = page.getByLabel(words("en", "password.newLabel"), { exact: true });
  await expect(field).toHaveValue("short");
  await field.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(newPassword);
  await page.keyboard.press("Enter");

  await expect(page.locator("#account-done")).toHaveText(words("en", "password.changed"));
  await expect(page.locator("#account-done")).toBeFocused();
  expect(await signedIn(page)).toBe(true);
  expect(await signedIn(other.page)).toBe(false);
  const outbox = await page.evaluate(async () =>
    (await fetch("/api/dev/outbox?to=lena@example.org")).json(),
  );
  expect(outbox.messages[0].subject).toBe(words("en", "notices.passwordChanged.subject"));
  await other.context.close();

  // The new password signs in; the old one no longer does.
  const again = await otherDevice(browser, "lena", newPassword);
  await again.context.close();
});

test("changes email and phone, with the old address told", async ({ page }) => {
  await signIn(page, "omar");
  await openAccountPage(page);
  await page.getByRole("button", { name: words("en", "contact.changeEmail") }).click();
  const email = page.getByLabel(words("en", "contact.newEmail"));
  await email.fill("not an address");
  await page.getByRole("button", { name: words("en", "save") }).click();
  await expect(page.locator(".error-summary")).toContainText(words("en", "contact.emailInvalid"));
  expect(await axeViolations(page), "email form with an error").toEqual([]);
  await email.fill("omar@example.org");
  await page.getByRole("button", { name: words("en", "save") }).click();
  await expect(page.locator("#account-done")).toHaveText(words("en", "contact.emailChanged"));
  await expect(page.locator(".contact-list")).toContainText("omar@example.org");

  await page.getByRole("button", { name: words("en", "contact.changePhone") }).click();
  await page.getByLabel(words("en", "contact.newPhone")).fill("+1 555 010 0456");
  await page.getByRole("button", { name: words("en", "save") }).click();
  await expect(page.locator("#account-done")).toHaveText(words("en", "contact.phoneChanged"));
  await expect(page.locator(".contact-list")).toContainText("+15550100456");
  const outbox = await page.evaluate(async () =>
    (await fetch("/api/dev/outbox?to=omar@example.org")).json(),
  );
  expect(outbox.messages[0].subject).toBe(words("en", "notices.phoneChanged.subject"));
});

test("recent activity lists sign-ins, refused ones included", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill("dr.lee");
  await page
    .getByLabel(text("en", "signIn.password.label"), { exact: true })
    .fill("wrong password");
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page.locator(".error-summary")).toBeVisible();
  await signIn(page, "dr.lee");
  await openAccountPage(page);
  await page.getByRole("link", { name: words("en", "activity.link") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(words("en", "activity.title"));
  const signIns = page.getByRole("table", { name: words("en", "activity.signIns") });
  await expect(
    signIns
      .getByRole("row")
      .filter({ hasText: words("en", "activity.failure") })
      .first(),
  ).toBeVisible();
  await expect(
    signIns
      .getByRole("row")
      .filter({ hasText: words("en", "activity.success") })
      .first(),
  ).toBeVisible();
  await expect(page.getByText(words("en", "activity.noViews"))).toBeVisible();
  expect(await axeViolations(page), "activity page").toEqual([]);
});

for (const locale of locales as readonly Locale[]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("the passkey, account and activity pages are translated, axe-clean and in the right direction", async ({
      page,
    }) => {
      await page.goto("/sign-in");
      await page.getByRole("link", { name: text(locale, "layout.passkeySignIn") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        words(locale, "passkeys.signIn"),
      );
      expect(await axeViolations(page), "passkey sign-in page").toEqual([]);
      await signIn(page, "ana", locale);
      await openAccountPage(page, locale);
      await expect(page.locator("html")).toHaveAttribute("dir", directionOf(locale));
      await expect(
        page.getByRole("heading", { name: words(locale, "sessions.heading") }),
      ).toBeVisible();
      await expect(
        page.getByText(words(locale, "sessions.thisDevice"), { exact: true }),
      ).toBeVisible();
      expect(await axeViolations(page), "account page").toEqual([]);
      await page.getByRole("button", { name: words(locale, "contact.changeEmail") }).click();
      await expect(page.getByLabel(words(locale, "contact.newEmail"))).toBeVisible();
      expect(await axeViolations(page), "email form").toEqual([]);
      await page.goto("/account/activity");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        words(locale, "activity.title"),
      );
      // ana's sign-ins, and (from the demo data) the clinician and support staff who opened
      // her messages, appointments and account.
      await expect(
        page.getByRole("table", { name: words(locale, "activity.signIns") }),
      ).toBeVisible();
      await expect(
        page.getByRole("table", { name: words(locale, "activity.views") }),
      ).toBeVisible();
      expect(await axeViolations(page), "activity page").toEqual([]);
    });
  });
}
