import { expect, test } from "@playwright/test";
import { directionOf, type Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { locales, text } from "./support/locales.ts";
import { greeting, signIn } from "./support/sign-in.ts";

// Each locale is a browser whose preferred language it is: the first visit follows the browser.
for (const locale of locales as readonly Locale[]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });

    test("sign-in, help and home are axe-clean, translated and laid out in the right direction", async ({
      page,
    }) => {
      await page.goto("/sign-in");
      const html = page.locator("html");
      await expect(html).toHaveAttribute("lang", locale);
      await expect(html).toHaveAttribute("dir", directionOf(locale));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        text(locale, "signIn.title"),
      );
      expect(await axeViolations(page), "sign-in page").toEqual([]);

      await page.getByRole("link", { name: text(locale, "signIn.trouble") }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(locale, "help.title"));
      expect(await axeViolations(page), "help page").toEqual([]);

      await signIn(page, "ana", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        greeting(locale, "Ana Rivera"),
      );
      expect(await axeViolations(page), "home page").toEqual([]);
    });

    test("the error summary is axe-clean", async ({ page }) => {
      await page.goto("/sign-in");
      await page.getByRole("button", { name: text(locale, "signIn.submit"), exact: true }).click();
      await expect(page.locator(":focus")).toContainText(text(locale, "errorSummary.title"));
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}

test("the language menu switches language and direction, and is remembered", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: text("en", "language.label") }).click();
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("ar", "signIn.title"));
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("ar", "signIn.title"));
});
