import { expect, type Page, test } from "@playwright/test";
import { diagnosticCodePattern } from "../shared/contracts/help.ts";
import { guides } from "../shared/guides/index.ts";
import type { Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { locales, text } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";

const heading2 = (page: Page) => page.locator("h2#guide-step-title");

test("offline, help opens and a guide can be walked to the end with the keyboard alone", async ({
  page,
  context,
}) => {
  await page.goto("/help");
  await controlledByServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "help.title"));

  // Keyboard only: Tab to the guide's link and follow it.
  const guideLink = page.getByRole("link", { name: text("en", "guides.page-will-not-load.title") });
  await guideLink.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    text("en", "guides.page-will-not-load.title"),
  );
  await expect(heading2(page)).toHaveText(text("en", "guides.page-will-not-load.what.title"));

  /** Answers by keyboard: Tab from the focused heading to the button, then Enter. */
  const choose = async (name: string) => {
    const button = page.getByRole("button", { name, exact: true });
    for (let i = 0; i < 8 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
  };
  const expectStep = async (key: string) => {
    await expect(heading2(page)).toHaveText(text("en", key));
    // Focus moves to the new step's heading, so a screen reader reads it next.
    await expect(heading2(page)).toBeFocused();
  };

  await choose(text("en", "guides.page-will-not-load.what.noLoad"));
  // The automatic check runs offline and finds no connection.
  await expectStep("guides.page-will-not-load.network.title");
  await expect(page.getByText(text("en", "help.check.network.fail"))).toBeVisible();
  await choose(text("en", "guides.ui.continue"));
  await expectStep("guides.page-will-not-load.connect.title");
  await choose(text("en", "guides.ui.continue"));
  await expectStep("guides.page-will-not-load.private.title");
  await choose(text("en", "guides.ui.continue"));
  await expectStep("guides.page-will-not-load.private-worked.title");
  await choose(text("en", "guides.answers.notFixed"));
  await expectStep("guides.page-will-not-load.which-browser.title");
  await choose(text("en", "guides.page-will-not-load.which-browser.samsung"));
  await expectStep("guides.page-will-not-load.clear-samsung.title");
  await expect(
    page.getByText(text("en", "guides.page-will-not-load.clear-samsung.manage")),
  ).toBeVisible();

  // Back retraces the path taken.
  await choose(text("en", "guides.ui.back"));
  await expectStep("guides.page-will-not-load.which-browser.title");
  await choose(text("en", "guides.page-will-not-load.which-browser.chrome"));
  await expectStep("guides.page-will-not-load.clear-chrome.title");
  await choose(text("en", "guides.ui.continue"));
  await choose(text("en", "guides.answers.notFixed"));
  await expectStep("guides.page-will-not-load.reset.title");
  await expect(
    page.getByRole("link", { name: text("en", "guides.page-will-not-load.reset.title") }),
  ).toHaveAttribute("href", "/help/reset?guide=page-will-not-load");
  await choose(text("en", "guides.ui.continue"));
  await choose(text("en", "guides.answers.notFixed"));
  await expectStep("guides.page-will-not-load.contact.title");
  // Every end offers contact with support.
  await expect(page.getByRole("link", { name: text("en", "guides.ui.contactAsk") })).toBeVisible();
});

test("an error shows its code and links to the guide that resolves it", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill("ana");
  await page
    .getByLabel(text("en", "signIn.password.label"), { exact: true })
    .fill("wrong password");
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page.getByText(text("en", "errorCode.label", { code: "AUTH-101" }))).toBeVisible();
  await page.getByRole("link", { name: text("en", "errorCode.help") }).click();
  await expect(page).toHaveURL(/\/help\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    text("en", "guides.forgot-password.title"),
  );
});

test("check my device gives a code, and the help request carries it to support", async ({
  page,
}) => {
  await page.goto("/help/check");
  await page.getByRole("button", { name: text("en", "help.check.run") }).click();
  await expect(
    page.getByRole("heading", { name: text("en", "help.check.resultsHeading") }),
  ).toBeFocused();
  await expect(page.getByText(text("en", "help.check.cookies.pass"))).toBeVisible();
  await expect(page.getByText(text("en", "help.check.indexeddb.pass"))).toBeVisible();
  const code = page.getByTestId("diagnostic-code");
  await expect(code).toHaveText(diagnosticCodePattern);
  const shown = (await code.textContent()) ?? "";

  await page.getByRole("link", { name: text("en", "help.check.askWithCode") }).click();
  await expect(page.getByLabel(text("en", "help.ask.code.label"))).toHaveValue(shown);

  // GOV.UK validation: the summary takes focus and links to each field.
  await page.getByRole("button", { name: text("en", "help.ask.submit") }).click();
  await expect(page.locator(":focus")).toContainText(text("en", "errorSummary.title"));
  await expect(page).toHaveTitle(/^Error: /);
  await page.getByRole("link", { name: text("en", "help.ask.name.required") }).click();
  await expect(page.getByLabel(text("en", "help.ask.name.label"))).toBeFocused();

  await page.getByLabel(text("en", "help.ask.name.label")).fill("Ana Rivera");
  await page.getByLabel(text("en", "help.ask.contact.label")).fill("ana@example.com");
  await page.getByLabel(text("en", "help.ask.message.label")).fill("The page stays blank.");
  await page.getByRole("button", { name: text("en", "help.ask.submit") }).click();
  await expect(page.getByRole("heading", { name: text("en", "help.ask.sentTitle") })).toBeFocused();
});

test("reset warns about unsent changes, then deletes caches and local databases and reloads", async ({
  page,
}) => {
  await page.goto("/help");
  // A stand-in outbox with two unsent changes, and a cache, as the app would leave them.
  await page.evaluate(async () => {
    await new Promise<void>((resolve) => {
      const open = indexedDB.open("hearth-test-outbox", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("outbox", { autoIncrement: true });
      open.onsuccess = () => {
        const tx = open.result.transaction("outbox", "readwrite");
        tx.objectStore("outbox").add({ name: "a" });
        tx.objectStore("outbox").add({ name: "b" });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
      };
    });
    await (await caches.open("hearth-test-cache")).put("/marker", new Response("x"));
  });
  await page.getByRole("link", { name: text("en", "help.resetLink") }).click();
  await expect(page.getByText(text("en", "help.reset.unsent", { count: 2 }))).toBeVisible();
  await Promise.all([
    page.waitForEvent("load"),
    page.getByRole("button", { name: text("en", "help.reset.confirmAnyway") }).click(),
  ]);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "help.reset.title"));
  const left = await page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((d) => d.name),
    cache: await caches.has("hearth-test-cache"),
  }));
  expect(left.databases).not.toContain("hearth-test-outbox");
  expect(left.cache).toBe(false);
  await expect(page.getByText(text("en", "help.reset.nothingUnsent"))).toBeVisible();
});

for (const locale of locales as readonly Locale[]) {
  test.describe(`help in ${locale}`, () => {
    test.use({ locale });

    test("every help page is axe-clean", async ({ page }) => {
      // Reports are rate limited per address; the saved code is tested above, not here.
      await page.route("**/api/diagnostics", (route) => route.abort());
      await page.goto("/help");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text(locale, "help.title"));
      expect(await axeViolations(page), "help").toEqual([]);
      for (const guide of guides) {
        await page.goto(`/help/${guide.id}`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(
          text(locale, `guides.${guide.id}.title`),
        );
        expect(await axeViolations(page), guide.id).toEqual([]);
      }
      await page.goto("/help/check");
      await page.getByRole("button", { name: text(locale, "help.check.run") }).click();
      await expect(page.getByText(text(locale, "help.check.notSaved"))).toBeVisible();
      expect(await axeViolations(page), "check").toEqual([]);
      await page.goto("/help/ask");
      await page.getByRole("button", { name: text(locale, "help.ask.submit") }).click();
      await expect(page.locator(":focus")).toContainText(text(locale, "errorSummary.title"));
      expect(await axeViolations(page), "ask").toEqual([]);
      await page.goto("/help/reset");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        text(locale, "help.reset.title"),
      );
      await expect(page.getByText(text(locale, "help.reset.nothingUnsent"))).toBeVisible();
      expect(await axeViolations(page), "reset").toEqual([]);
    });
  });
}
