import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { axeViolations } from "./support/axe.ts";
import { text } from "./support/locales.ts";
import { demoPassword, greeting, signIn } from "./support/sign-in.ts";

// theo is this spec's own demo account (server/db/seed.ts): his authenticator app is turned on
// here, so nobody else's sign-in changes.
const username = "theo";
const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** Turns on the authenticator app from a signed-in page, through the API the account page uses. */
async function turnOnAuthenticator(page: Page) {
  const status = await page.evaluate(async () => {
    const headers = { "content-type": "application/json" };
    const started = await fetch("/api/account/authenticator/start", {
      method: "POST",
      headers,
      body: "{}",
    });
    return { status: started.status, body: (await started.json()) as { key: string } };
  });
  expect(status.status).toBe(200);
  const key = decodeBase32IgnorePadding(status.body.key.replace(/\s/g, ""));
  const code = generateHOTP(key, BigInt(Math.floor(Date.now() / 30_000)), 6);
  const confirmed = await page.evaluate(async (code) => {
    const res = await fetch("/api/account/authenticator/confirm", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code }),
    });
    return res.status;
  }, code);
  expect(confirmed).toBe(200);
}

async function setLocale(page: Page, locale: string) {
  await page.evaluate((l) => localStorage.setItem("hearth.locale", l), locale);
  await page.reload();
}

/** Device B: the password, then "Approve from a device where you're signed in", by keyboard. */
async function askFromNewDevice(browser: Browser, locale: string) {
  // A browser the device names recognise (headless Chromium calls itself "HeadlessChrome").
  const context = await browser.newContext({ userAgent: firefox });
  const page = await context.newPage();
  await page.goto("/sign-in");
  if (locale !== "en") await setLocale(page, locale);
  await page.getByLabel(text(locale, "signIn.username.label")).fill(username);
  await page.getByLabel(text(locale, "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in\/second-step/);
  const offer = page.getByRole("button", { name: text(locale, "approval.offer") });
  await expect(offer).toBeVisible();
  await offer.focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { name: text(locale, "approval.wait.heading") }),
  ).toBeVisible();
  const number = Number((await page.locator("#approval-number").textContent())?.trim());
  expect(number).toBeGreaterThanOrEqual(10);
  expect(await axeViolations(page), `waiting page in ${locale}`).toEqual([]);
  return { context, page, number };
}

/** Device A's dialog, opened by the watcher (looked for at once on a reload, then every 10 s). */
async function dialogOn(page: Page, locale: string) {
  await page.reload();
  const dialog = page.getByRole("dialog", { name: text(locale, "approval.dialog.title") });
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await expect(dialog).toContainText(
    text(locale, "approval.dialog.device", { browser: "Firefox", system: "Linux" }),
  );
  expect(await axeViolations(page), `approval dialog in ${locale}`).toEqual([]);
  return dialog;
}

test("a sign-in is approved, and another denied, from a device already signed in", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const contextA = await browser.newContext();
  const deviceA = await contextA.newPage();
  await signIn(deviceA, username);
  await turnOnAuthenticator(deviceA);

  // Approved, in English, with the number device B shows; keyboard only on both devices.
  const first = await askFromNewDevice(browser, "en");
  const dialog = await dialogOn(deviceA, "en");
  const choices = (await dialog
    .getByRole("radio")
    .evaluateAll((inputs) =>
      inputs.map((input) => Number((input as HTMLInputElement).value)),
    )) as number[];
  expect(choices).toHaveLength(3);
  expect(choices).toContain(first.number);
  // The first number has focus; Space picks it, and the arrows move the pick along the group.
  await expect(dialog.getByRole("radio").first()).toBeFocused();
  await deviceA.keyboard.press("Space");
  for (let i = 0; i < choices.indexOf(first.number); i++) await deviceA.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: String(first.number) })).toBeChecked();
  await deviceA.keyboard.press("Tab");
  await expect(
    dialog.getByRole("button", { name: text("en", "approval.dialog.approve") }),
  ).toBeFocused();
  await deviceA.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(first.page.getByRole("heading", { level: 1 })).toHaveText(
    greeting("en", "Theo Brandt"),
    { timeout: 15_000 },
  );
  expect((await first.page.request.get("/api/me")).status()).toBe(200);
  await first.context.close();

  // Denied, in Arabic: device B is told, with the error's code.
  await setLocale(deviceA, "ar");
  const second = await askFromNewDevice(browser, "ar");
  const arDialog = await dialogOn(deviceA, "ar");
  await deviceA.keyboard.press("Tab");
  await deviceA.keyboard.press("Tab");
  await expect(
    arDialog.getByRole("button", { name: text("ar", "approval.dialog.deny") }),
  ).toBeFocused();
  await deviceA.keyboard.press("Enter");
  await expect(arDialog).toBeHidden();
  await expect(second.page.getByRole("alert")).toContainText("AUTH-171", { timeout: 15_000 });
  await expect(second.page.getByRole("alert")).toContainText(text("ar", "errors.AUTH-171.message"));
  expect((await second.page.request.get("/api/me")).status()).toBe(401);
  await second.context.close();
  await contextA.close();
});
