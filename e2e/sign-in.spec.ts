import { expect, test } from "@playwright/test";
import { text } from "./support/locales.ts";
import { demoPassword, greeting, signIn } from "./support/sign-in.ts";

test("a patient signs in, is greeted by name, and signs out", async ({ page }) => {
  await page.goto("/");
  // Not signed in: the home page sends the person to sign in, and remembers where they were going.
  await expect(page).toHaveURL(/\/sign-in/);
  await signIn(page);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(greeting("en", "Ana Rivera"));
  // Focus moves to the new page's heading so a screen reader starts there.
  await expect(heading).toBeFocused();
  expect((await page.request.get("/api/me")).status()).toBe(200);

  await page
    .getByRole("banner")
    .getByRole("button", { name: text("en", "signOut.button") })
    .click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("sign-out leaves no database of the user on the device", async ({ page }) => {
  await signIn(page);
  const me = await (await page.request.get("/api/me")).json();
  const userDatabase = async () =>
    (await page.evaluate(() => indexedDB.databases()))
      .map((d) => d.name ?? "")
      .filter((n) => n.includes(me.id));
  await expect.poll(userDatabase).toHaveLength(1);

  await page
    .getByRole("banner")
    .getByRole("button", { name: text("en", "signOut.button") })
    .click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(userDatabase).toHaveLength(0);
  const cachedApi = await page.evaluate(async () => {
    const found: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) {
        if (new URL(request.url).pathname.startsWith("/api/")) found.push(request.url);
      }
    }
    return found;
  });
  expect(cachedApi).toEqual([]);
});

test("a wrong password shows the error summary, focused, with the code", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill("ana");
  await page
    .getByLabel(text("en", "signIn.password.label"), { exact: true })
    .fill("not-the-password");
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();

  const focused = page.locator(":focus");
  await expect(focused).toContainText(text("en", "errorSummary.title"));
  await expect(focused).toContainText(text("en", "errors.AUTH-101.message"));
  await expect(focused).toContainText("AUTH-101");
  await expect(page).toHaveTitle(/Error/);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("empty fields are caught before sending, each error linking to its field", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  const summary = page.locator(":focus");
  await expect(summary).toContainText(text("en", "errorSummary.title"));
  await summary.getByRole("link", { name: text("en", "signIn.username.required") }).click();
  await expect(page.getByLabel(text("en", "signIn.username.label"))).toBeFocused();
});

test("the password can be shown and hidden", async ({ page }) => {
  await page.goto("/sign-in");
  const password = page.getByLabel(text("en", "signIn.password.label"), { exact: true });
  await password.fill("secret words");
  await expect(password).toHaveAttribute("type", "password");
  const toggle = page.getByRole("button", { name: text("en", "form.showPassword") });
  await toggle.click();
  await expect(password).toHaveAttribute("type", "text");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(password).toHaveAttribute("type", "password");
});

test("sign-in works with the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  // A person starts pressing keys once they see the page.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "signIn.title"));
  // The first Tab reaches the skip link, which takes focus past the header to the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: text("en", "layout.skipLink") })).toBeFocused();

  const username = page.getByLabel(text("en", "signIn.username.label"));
  for (
    let i = 0;
    i < 20 && !(await username.evaluate((el) => el === document.activeElement));
    i++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(username).toBeFocused();
  await page.keyboard.type("ana");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel(text("en", "signIn.password.label"), { exact: true })).toBeFocused();
  await page.keyboard.type(demoPassword);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Ana Rivera"));
});

test("?next= leads only to a path of this site", async ({ page }) => {
  for (const next of [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "%2F%2Fevil.example",
    "javascript:alert(1)",
  ]) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel(text("en", "signIn.username.label")).fill("ana");
    await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(demoPassword);
    await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
    await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/$/);
    await page
      .getByRole("banner")
      .getByRole("button", { name: text("en", "signOut.button") })
      .click();
    await expect(page).toHaveURL(/\/sign-in/);
  }
  await page.goto(`/sign-in?next=${encodeURIComponent("/help")}`);
  await page.getByLabel(text("en", "signIn.username.label")).fill("ana");
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/help$/);
});
