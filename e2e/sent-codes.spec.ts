import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { locales } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { text } from "./support/locales.ts";
import { demoPassword, greeting } from "./support/sign-in.ts";

const email = "rosa@example.org";

/**
 * The code in the newest message the development outbox holds for `to`, read without the
 * page's cookies (a partial session may call nothing but the second step).
 */
async function lastCode(request: APIRequestContext, to: string): Promise<string> {
  const res = await request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
  const { messages } = (await res.json()) as { messages: { body: string }[] };
  return /\b(\d{6})\b/.exec(messages[0]?.body ?? "")?.[1] ?? "";
}

async function passwordStep(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill("rosa");
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
}

test("a patient turns on codes by email, then signs in with one, by keyboard", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await passwordStep(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Rosa Mendes"));
  await page.getByRole("link", { name: text("en", "home.twoStepLink") }).click();
  await expect(page.getByText(text("en", "twoStep.codes.off"))).toBeVisible();
  expect(await axeViolations(page), "two-step page with codes off").toEqual([]);

  const masked = "r•••@example.org";
  await page
    .getByRole("button", { name: text("en", "twoStep.codes.useEmail", { to: masked }) })
    .click();
  await expect(
    page.getByRole("heading", { name: text("en", "twoStep.codes.confirmHeading") }),
  ).toBeFocused();
  // The live region repeats it for screen readers; the visible sentence is in the page.
  await expect(
    page.locator("#main-content").getByText(text("en", "secondStep.sent", { to: masked })),
  ).toBeVisible();
  expect(await axeViolations(page), "confirm step").toEqual([]);
  await page
    .getByLabel(text("en", "secondStep.sentCode.label"))
    .fill(await lastCode(request, email));
  await page.getByRole("button", { name: text("en", "twoStep.codes.confirm") }).click();
  // The account's first second step: its recovery codes, shown once.
  await expect(
    page.getByRole("heading", { name: text("en", "twoStep.codesHeading") }),
  ).toBeFocused();
  await page.getByRole("button", { name: text("en", "twoStep.codesDone") }).click();
  await expect(page.getByText(text("en", "twoStep.codes.onEmail", { to: masked }))).toBeVisible();
  await page
    .getByRole("banner")
    .getByRole("button", { name: text("en", "signOut.button") })
    .click();
  await expect(page).toHaveURL(/\/sign-in/);

  await passwordStep(page);
  await expect(page).toHaveURL(/\/sign-in\/second-step/);
  for (const locale of locales) {
    await page.evaluate((l) => localStorage.setItem("hearth.locale", l), locale);
    await page.reload();
    await expect(page.getByText(text(locale, "secondStep.intro.emailCode"))).toBeVisible();
    await expect(
      page.getByRole("button", { name: text(locale, "secondStep.sendEmail") }),
    ).toBeVisible();
    expect(await axeViolations(page), `email code step in ${locale}`).toEqual([]);
  }
  await page.evaluate(() => localStorage.setItem("hearth.locale", "en"));
  await page.reload();

  // Keyboard only: focus the send button, Enter; the code field takes focus; type, Enter.
  await page.getByRole("button", { name: text("en", "secondStep.sendEmail") }).focus();
  await page.keyboard.press("Enter");
  const field = page.getByLabel(text("en", "secondStep.sentCode.label"));
  await expect(field).toBeFocused();
  // The live region repeats it for screen readers; the visible sentence is in the page.
  await expect(
    page.locator("#main-content").getByText(text("en", "secondStep.sent", { to: masked })),
  ).toBeVisible();
  expect(await axeViolations(page), "code sent").toEqual([]);
  // Asking again at once: told when a new code can be sent.
  await page.getByRole("button", { name: text("en", "secondStep.resend") }).click();
  await expect(page.locator(":focus")).toContainText("AUTH-110");
  await expect(page.locator(":focus")).toContainText(/You can try again in \d+ seconds?\./);
  await field.focus();
  await page.keyboard.type(await lastCode(request, email));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Rosa Mendes"));
});
