import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { expect, type Page, test } from "@playwright/test";
import { locales } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { text } from "./support/locales.ts";
import { demoPassword, greeting } from "./support/sign-in.ts";

/** The code an authenticator app holding `key` shows now (RFC 6238, 30-second steps). */
function codeNow(key: string): string {
  const step = BigInt(Math.floor(Date.now() / 30_000));
  return generateHOTP(decodeBase32IgnorePadding(key.replace(/\s/g, "")), step, 6);
}

async function passwordStep(page: Page, locale = "en") {
  await page.goto("/sign-in");
  await page.getByLabel(text(locale, "signIn.username.label")).fill("kai");
  await page.getByLabel(text(locale, "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text(locale, "signIn.submit"), exact: true }).click();
}

async function signOut(page: Page, locale = "en") {
  await page
    .getByRole("banner")
    .getByRole("button", { name: text(locale, "signOut.button") })
    .click();
  await expect(page).toHaveURL(/\/sign-in/);
}

test("a patient turns on two-step sign-in, then signs in with the app and with a recovery code", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Set up: password, then the account page.
  await passwordStep(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Kai Tanaka"));
  await page.getByRole("link", { name: text("en", "home.twoStepLink") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "twoStep.title"));
  await expect(page.getByText(text("en", "twoStep.off"))).toBeVisible();
  expect(await axeViolations(page), "two-step page, off").toEqual([]);

  await page.getByRole("button", { name: text("en", "twoStep.start") }).click();
  const scanHeading = page.getByRole("heading", { name: text("en", "twoStep.scanHeading") });
  await expect(scanHeading).toBeFocused();
  await expect(page.getByRole("img", { name: text("en", "twoStep.qrAlt") })).toBeVisible();
  const key = (await page.locator(".totp-key").textContent()) ?? "";
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{32}$/);
  expect(await axeViolations(page), "scan step").toEqual([]);

  // A wrong code first: the summary explains it by its code.
  await page.getByLabel(text("en", "secondStep.code.label")).fill("000000");
  await page.getByRole("button", { name: text("en", "twoStep.confirm") }).click();
  const wrong = codeNow(key) === "000000" ? "AUTH-" : "AUTH-106";
  await expect(page.locator(":focus")).toContainText(wrong);

  await page.getByLabel(text("en", "secondStep.code.label")).fill(codeNow(key));
  await page.getByRole("button", { name: text("en", "twoStep.confirm") }).click();
  await expect(
    page.getByRole("heading", { name: text("en", "twoStep.codesHeading") }),
  ).toBeFocused();
  const codes = await page.locator(".recovery-codes code").allTextContents();
  expect(codes).toHaveLength(10);
  expect(await axeViolations(page), "recovery codes").toEqual([]);
  await page.getByRole("button", { name: text("en", "twoStep.codesDone") }).click();
  await expect(page.getByText(text("en", "twoStep.on", { count: 10 }))).toBeVisible();
  await signOut(page);

  // The second step, axe-clean and translated in every language.
  await passwordStep(page);
  await expect(page).toHaveURL(/\/sign-in\/second-step/);
  // Partial: the rest of the API still says "not signed in".
  expect((await page.request.get("/api/me")).status()).toBe(401);
  for (const locale of locales) {
    await page.evaluate((l) => localStorage.setItem("hearth.locale", l), locale);
    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      text(locale, "secondStep.title"),
    );
    await expect(page.getByLabel(text(locale, "secondStep.code.label"))).toBeVisible();
    expect(await axeViolations(page), `second step in ${locale}`).toEqual([]);
  }
  await page.evaluate(() => localStorage.setItem("hearth.locale", "en"));
  await page.reload();

  // With the keyboard alone: Tab to the code, type it, Enter.
  const field = page.getByLabel(text("en", "secondStep.code.label"));
  await expect(field).toBeVisible();
  await field.focus();
  // Wait for the next 30-second step: the code used to confirm the app cannot be used again.
  await page.waitForTimeout(((30 - (Math.floor(Date.now() / 1000) % 30)) % 30) * 1000 + 500);
  await page.keyboard.type(codeNow(key));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Kai Tanaka"));
  expect((await page.request.get("/api/me")).status()).toBe(200);
  await signOut(page);

  // Lost phone: a recovery code instead, once.
  await passwordStep(page);
  await page.getByRole("button", { name: text("en", "secondStep.useRecovery") }).click();
  await page.getByLabel(text("en", "secondStep.recovery.label")).fill(codes[0] ?? "");
  await page.getByRole("button", { name: text("en", "secondStep.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Kai Tanaka"));
  await signOut(page);
  await passwordStep(page);
  await page.getByRole("button", { name: text("en", "secondStep.useRecovery") }).click();
  await page.getByLabel(text("en", "secondStep.recovery.label")).fill(codes[0] ?? "");
  await page.getByRole("button", { name: text("en", "secondStep.submit") }).click();
  await expect(page.locator(":focus")).toContainText("AUTH-106");
});

test("throttled sign-in says how long to wait, with its code", async ({ page }) => {
  await page.goto("/sign-in");
  const submit = page.getByRole("button", { name: text("en", "signIn.submit"), exact: true });
  await page.getByLabel(text("en", "signIn.username.label")).fill("nobody-throttled");
  const password = page.getByLabel(text("en", "signIn.password.label"), { exact: true });
  const summary = page.locator(":focus");
  // Five failures are free; from the sixth, each attempt must wait 1 s, 2 s, 4 s…
  for (let i = 0; i < 12; i++) {
    await password.fill(`guess ${i}`);
    await submit.click();
    await expect(summary).toContainText(/AUTH-10[15]/);
    if (i < 5) await expect(summary).toContainText("AUTH-101");
    if ((await summary.textContent())?.includes("AUTH-105")) break;
  }
  await expect(summary).toContainText(text("en", "errors.AUTH-105.message"));
  await expect(summary).toContainText(/You can try again in \d+ seconds?\./);
  expect(await axeViolations(page)).toEqual([]);
});
