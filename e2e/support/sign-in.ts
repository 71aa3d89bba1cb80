import { expect, type Page } from "@playwright/test";
import { text } from "./locales.ts";

export const demoPassword = "hearth-demo";

/** Signs in through the form, as a person would, and waits for the home page. */
export async function signIn(page: Page, username = "ana", locale = "en") {
  await page.goto("/sign-in");
  await page.getByLabel(text(locale, "signIn.username.label")).fill(username);
  await page.getByLabel(text(locale, "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text(locale, "signIn.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

export function greeting(locale: string, name: string) {
  return text(locale, "home.greeting", { name });
}
