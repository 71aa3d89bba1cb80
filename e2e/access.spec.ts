import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { localeNames } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { locales, text } from "./support/locales.ts";
import { demoPassword, greeting } from "./support/sign-in.ts";

// Getting an account (ADR 18), and getting back into one, signed out. The seed gives Lina
// Haddad a known activation code (server/auth/activation-demo.ts) and Mira a password that only
// this file may change.
const demoCode = "HRTH-DEM0-C0DE";

// Most tests here run axe over a page in all five languages: on a busy machine that alone can
// take half a minute.
test.describe.configure({ timeout: 90_000 });

/** Switches language with the header's menu: the page (and what was typed) stays. */
async function chooseLanguage(page: Page, from: string, to: (typeof locales)[number]) {
  await page.getByRole("button", { name: text(from, "language.label") }).click();
  await page.getByRole("button", { name: localeNames[to], exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

/** Axe over the page in every language, ending back in English; `title` is the h1's key. */
async function axeInEveryLanguage(page: Page, title: string, what: string) {
  let current = "en";
  for (const locale of locales) {
    if (locale !== current) await chooseLanguage(page, current, locale);
    current = locale;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(locale, title));
    expect(await axeViolations(page), `${what} in ${locale}`).toEqual([]);
  }
  await chooseLanguage(page, current, "en");
}

/** The newest message the development outbox holds for `to`, waiting for it to arrive. */
async function newestMessage(request: APIRequestContext, to: string, subject: string) {
  let found: { subject: string; body: string } | undefined;
  await expect
    .poll(async () => {
      const res = await request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
      const { messages } = (await res.json()) as { messages: { subject: string; body: string }[] };
      found = messages.find((m) => m.subject === subject);
      return found !== undefined;
    })
    .toBe(true);
  return found as { subject: string; body: string };
}

test("a patient activates an account with the clinic's code, by keyboard alone", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: text("en", "layout.activate") }).click();
  await expect(page).toHaveURL(/\/activate$/);
  await axeInEveryLanguage(page, "access.activate.title", "activation, code step");

  // Nothing typed: the summary takes focus and links to both fields.
  await page.getByRole("button", { name: text("en", "access.activate.continue") }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary.locator(".error-summary__list a")).toHaveText([
    text("en", "access.activate.code.required"),
    text("en", "access.activate.birthDate.required"),
  ]);
  expect(await axeViolations(page), "activation with errors").toEqual([]);

  // Keyboard only: a code that is not hers, her date of birth, Enter.
  await page.getByLabel(text("en", "access.activate.code.label")).focus();
  await page.keyboard.type("abcd efgh jkmn");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(text("en", "access.activate.birthDate.day"))).toBeFocused();
  await page.keyboard.type("17");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2001");
  await page.keyboard.press("Enter");
  await expect(summary).toBeFocused();
  await expect(summary.locator(".error-summary__list a")).toHaveText(
    text("en", "errors.AUTH-112.message"),
  );
  await expect(summary).toContainText("AUTH-112");

  // The summary's link leads back to the code; what was typed is still there.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const codeField = page.getByLabel(text("en", "access.activate.code.label"));
  await expect(codeField).toBeFocused();
  await expect(codeField).toHaveValue("abcd efgh jkmn");
  await expect(page.getByLabel(text("en", "access.activate.birthDate.year"))).toHaveValue("2001");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(demoCode.toLowerCase());
  await page.keyboard.press("Enter");

  await expect(
    page.getByRole("heading", { level: 1, name: text("en", "access.activate.chooseTitle") }),
  ).toBeFocused();
  await axeInEveryLanguage(page, "access.activate.chooseTitle", "activation, choose step");

  // The rules are said before anything is typed.
  await expect(
    page.getByText(
      text("en", "access.newPassword.hint", {
        min: "8",
        max: "64",
        recommended: "15",
      }),
    ),
  ).toBeVisible();
  await page.getByLabel(text("en", "access.activate.username.label")).focus();
  await page.keyboard.type("lina.h");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(text("en", "access.newPassword.label"))).toBeFocused();
  await page.keyboard.type("password1");
  await expect(
    page.getByRole("status").filter({ hasText: text("en", "access.newPassword.strength.weak") }),
  ).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(summary).toBeFocused();
  await expect(summary.locator(".error-summary__list a")).toHaveText(
    text("en", "validation.passwordCommon"),
  );
  expect(await axeViolations(page), "choose step with errors").toEqual([]);

  const password = page.getByLabel(text("en", "access.newPassword.label"));
  await password.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("violet kettle harbour");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Lina Haddad"));

  // Used once: the same code again is refused, to the one who knows the date of birth too.
  await page.context().clearCookies();
  await page.goto("/activate");
  await page.getByLabel(text("en", "access.activate.code.label")).fill(demoCode);
  await page.getByLabel(text("en", "access.activate.birthDate.day")).fill("17");
  await page.getByLabel(text("en", "access.activate.birthDate.month")).fill("2");
  await page.getByLabel(text("en", "access.activate.birthDate.year")).fill("2001");
  await page.getByRole("button", { name: text("en", "access.activate.continue") }).click();
  await expect(page.getByRole("alert")).toContainText(text("en", "errors.AUTH-113.message"));
});

test("a patient resets a forgotten password with the emailed code, by keyboard alone", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: text("en", "layout.forgotPassword") }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await axeInEveryLanguage(page, "access.forgotPassword.title", "forgot password");

  // A name nobody has gets the very same next step.
  await page.getByLabel(text("en", "access.forgotPassword.username.label")).fill("nobody-at-all");
  await page.getByRole("button", { name: text("en", "access.forgotPassword.send") }).click();
  const codeTitle = text("en", "access.forgotPassword.codeTitle");
  await expect(page.getByRole("heading", { level: 1, name: codeTitle })).toBeFocused();
  const sent = text("en", "access.forgotPassword.sent", { minutes: "10" });
  await expect(page.locator("#main-content").getByText(sent)).toBeVisible();

  await page.goto("/forgot-password");
  await page.getByLabel(text("en", "access.forgotPassword.username.label")).focus();
  await page.keyboard.type("mira");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: codeTitle })).toBeFocused();
  await axeInEveryLanguage(page, "access.forgotPassword.codeTitle", "reset code step");

  const message = await newestMessage(
    request,
    "mira@example.org",
    text("en", "messages.passwordResetCode.subject"),
  );
  const code = /\b(\d{6})\b/.exec(message.body)?.[1] ?? "";
  expect(code).toMatch(/^\d{6}$/);

  await page.getByLabel(text("en", "access.forgotPassword.code.label")).focus();
  await page.keyboard.type("000000");
  await page.keyboard.press("Tab");
  await page.keyboard.type("new violet lantern");
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("AUTH-115");
  expect(await axeViolations(page), "reset with a wrong code").toEqual([]);

  const codeField = page.getByLabel(text("en", "access.forgotPassword.code.label"));
  await codeField.focus();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { level: 1, name: text("en", "access.forgotPassword.doneTitle") }),
  ).toBeFocused();
  expect(await axeViolations(page), "password changed").toEqual([]);
  await newestMessage(request, "mira@example.org", text("en", "messages.passwordChanged.subject"));

  // The old password no longer works; the new one does.
  await page
    .locator("#main-content")
    .getByRole("link", { name: text("en", "access.forgotPassword.signIn") })
    .click();
  await page.getByLabel(text("en", "signIn.username.label")).fill("mira");
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("AUTH-101");
  await page
    .getByLabel(text("en", "signIn.password.label"), { exact: true })
    .fill("new violet lantern");
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Mira Patel"));
});

test("a patient gets a forgotten username by email", async ({ page, request }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: text("en", "layout.forgotUsername") }).click();
  await expect(page).toHaveURL(/\/forgot-username$/);
  await axeInEveryLanguage(page, "access.forgotUsername.title", "forgot username");

  await page.getByRole("button", { name: text("en", "access.forgotUsername.send") }).click();
  await expect(page.getByRole("alert")).toContainText(
    text("en", "access.forgotUsername.email.required"),
  );
  await page.getByLabel(text("en", "access.forgotUsername.email.label")).focus();
  await page.keyboard.type("mira@example.org");
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { level: 1, name: text("en", "access.forgotUsername.doneTitle") }),
  ).toBeFocused();
  expect(await axeViolations(page), "username sent").toEqual([]);
  const message = await newestMessage(
    request,
    "mira@example.org",
    text("en", "messages.usernameReminder.subject"),
  );
  expect(message.body).toContain("mira");
});

test("the activation guide leads to the activation page", async ({ page }) => {
  await page.goto("/help/activation-code");
  await page
    .getByRole("button", { name: text("en", "guides.activation-code.what.wrong"), exact: true })
    .click();
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  const link = page.getByRole("link", {
    name: text("en", "guides.activation-code.try-again.title"),
  });
  await expect(link).toHaveAttribute("href", "/activate");
  await link.click();
  await expect(page).toHaveURL(/\/activate$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    text("en", "access.activate.title"),
  );
});
