import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import type { Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { setDevicePin, unlockWithPin } from "./support/device-lock.ts";
import { locales, text, wordsOf } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";
import { signIn } from "./support/sign-in.ts";

const words = wordsOf("record");

/** A test's plain name from the table of common tests (shared/locales/tests/<locale>.json). */
const plainName = (locale: string, code: string) => text(locale, `tests.${code}.name`);

const a1cName = "Hemoglobin A1c/Hemoglobin.total in Blood";

const sections = [
  "results",
  "vitals",
  "medications",
  "allergies",
  "immunizations",
  "problems",
  "visits",
  "procedures",
  "documents",
  "history",
  "other",
] as const;

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

/** Waits for the first sync, so the device holds ana's record. */
async function signInAndSync(page: Page, locale = "en") {
  await signIn(page, "ana", locale);
  await expect(page.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
}

/** The first item link of a list page, to reach a detail page as a person would. */
async function firstItemHref(page: Page, section: string): Promise<string> {
  await page.goto(`/record/${section}`);
  const link = page.locator(`main a[href^="/record/${section}/"]`).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute("href")) as string;
}

/** Every record page: the lists, one detail of each, search, and the record's front page. */
async function everyRecordPage(page: Page): Promise<string[]> {
  const details: string[] = [];
  for (const section of sections) {
    if (section === "allergies") continue; // ana's one entry is "no known allergies"
    details.push(await firstItemHref(page, section));
  }
  return [
    "/",
    "/record",
    ...sections.map((s) => `/record/${s}`),
    ...details,
    "/record/search?q=glucose",
  ];
}

/**
 * The page's content once it has stopped changing: a page's parts read the device one query at
 * a time, so the first complete-looking render may still grow. Two reads in a row agree.
 */
async function settledContent(page: Page): Promise<string> {
  let last: string | undefined;
  await expect
    .poll(
      async () => {
        const now = await mainContent(page);
        const same = now === last;
        last = now;
        return same;
      },
      { intervals: [300, 500, 1000] },
    )
    .toBe(true);
  return last as string;
}

/** The page's own content: main without the app-wide banners (sync status changes offline). */
function mainContent(page: Page): Promise<string> {
  return page.evaluate(() => {
    const main = document.querySelector("main")?.cloneNode(true) as HTMLElement | undefined;
    main?.querySelector(".app-banners")?.remove();
    return main?.textContent ?? "";
  });
}

test("as ana, each record page shows her record, read from the device", async ({ page }) => {
  await signInAndSync(page);
  await page.getByRole("link", { name: text("en", "layout.record") }).click();
  await expect(h1(page)).toHaveText(words("en", "title"));
  const counts = page.getByRole("table", { name: words("en", "sectionsCaption") });
  await expect(
    counts.getByRole("row", { name: new RegExp(words("en", "sections.results")) }),
  ).toBeVisible();

  await page.goto("/record/results");
  await expect(h1(page)).toHaveText(words("en", "sections.results"));
  const firstReport = page.locator("main table").first();
  await expect(firstReport.locator("caption")).toContainText("Hemoglobin A1c");
  // The flag is in words, not only in colour.
  await expect(firstReport).toContainText(words("en", "flag.high"));

  await page.goto("/record/vitals");
  await expect(page.getByRole("table", { name: words("en", "vitals.caption") })).toContainText(
    "Blood pressure",
  );
  await page.goto("/record/medications");
  await expect(
    page.getByRole("heading", { name: words("en", "medications.activeHeading") }),
  ).toBeVisible();
  await expect(page.locator("main")).toContainText("Metformin");
  await page.goto("/record/allergies");
  await expect(page.getByText(words("en", "allergies.noneKnown"))).toBeVisible();
  await page.goto("/record/immunizations");
  await expect(
    page.getByRole("heading", { name: words("en", "immunizations.upcomingHeading") }),
  ).toBeVisible();
  await expect(page.locator("main")).toContainText("Influenza");
  await page.goto("/record/problems");
  await expect(page.locator("main")).toContainText("Diabetes mellitus type 2");
  await expect(
    page.getByRole("heading", { name: words("en", "problems.activeHeading") }),
  ).toBeVisible();
  await page.goto("/record/visits");
  await page.locator('main a[href^="/record/visits/"]').first().click();
  await expect(
    page.getByRole("heading", { name: words("en", "visits.notesHeading") }),
  ).toBeVisible();
  // The visit's note, decoded from base64, marked as English clinical text.
  await expect(page.locator('main pre[lang="en"]').first()).toContainText("# Chief complaint");
});

test("procedures: the list opens, is axe-clean, and a procedure's page opens; other records too", async ({
  page,
}) => {
  await signInAndSync(page);
  await page.goto("/record");
  await page.getByRole("link", { name: words("en", "sections.procedures") }).click();
  await expect(h1(page)).toHaveText(words("en", "sections.procedures"));
  const first = page.locator('main a[href^="/record/procedures/"]').first();
  await expect(first).toBeVisible();
  await expect(page.locator("main")).toContainText(words("en", "other.statuses.completed"));
  expect(await axeViolations(page), "procedures").toEqual([]);
  const name = (await first.textContent()) ?? "";
  await first.click();
  await expect(h1(page)).toHaveText(name);
  await expect(h1(page)).toHaveAttribute("lang", "en");
  await expect(page.locator("main")).toContainText(words("en", "procedures.performer"));
  expect(await axeViolations(page), "a procedure").toEqual([]);
  // ana's care plan is on "Other records", under its kind's name.
  await page.goto("/record/other");
  await expect(
    page.getByRole("heading", { level: 2, name: words("en", "other.types.CarePlan") }),
  ).toBeVisible();
  await page.locator('main a[href^="/record/other/"]').first().click();
  await expect(page.locator("main")).toContainText(words("en", "other.statuses.active"));
});

test("a calendar date from the record shows the same day in every time zone", async ({
  page,
}, testInfo) => {
  await signInAndSync(page);
  // What the clinic recorded, read from the record's own download, not from the page code.
  await page.goto("/record");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: words("en", "download.button") }).click();
  const bundle = JSON.parse(readFileSync(await (await downloading).path(), "utf8")) as {
    entry: { resource: Record<string, unknown> }[];
  };
  const statement = bundle.entry
    .map((entry) => entry.resource)
    .find(
      (r) =>
        r.resourceType === "MedicationStatement" &&
        /^\d{4}-\d{2}-\d{2}$/.test(String((r.effectivePeriod as { start?: string })?.start)),
    );
  expect(statement, "ana's record has a medicine started on a calendar date").toBeDefined();
  const { effectivePeriod, medicationCodeableConcept } = statement as Record<string, unknown>;
  const start = (effectivePeriod as { start: string }).start;
  const name = (medicationCodeableConcept as { text: string }).text;
  const [year, month, day] = start.split("-").map(Number) as [number, number, number];
  const written = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
    Date.UTC(year, month - 1, day),
  );

  await page.goto("/record/medications");
  await page.getByRole("link", { name }).first().click();
  const started = page
    .locator(".record-fact")
    .filter({ has: page.getByText(words("en", "medications.started"), { exact: true }) });
  await expect(started.locator("dd")).toHaveText(written);
  await expect(started.locator("time")).toHaveAttribute("datetime", start);
  // The browser really is in the project's zone (playwright.config.ts), west or east of UTC.
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(zone).toBe(testInfo.project.use.timezoneId ?? "UTC");
});

test("a result's history: a chart with its text summary, and the same data as a table", async ({
  page,
}) => {
  await signInAndSync(page);
  await page.goto("/record/results");
  // Ana's latest results have not been opened on this device: they are marked new, in words.
  const latestRow = page.locator("main table").first().locator("tbody tr").first();
  await expect(latestRow).toContainText(words("en", "results.new"));
  await latestRow.getByRole("link").click();
  // Titled by its plain name in the reader's language, with the clinic's own name beneath.
  await expect(h1(page)).toHaveText(plainName("en", "4548-4"));
  await expect(page.locator("main p.record-clinic-name")).toHaveText(
    words("en", "commonTests.calledByClinic", { name: a1cName }),
  );
  await expect(page.locator('main p.record-clinic-name bdi[lang="en"]')).toHaveText(a1cName);
  const chart = page.getByRole("img", { name: /Hemoglobin A1c.*since/ });
  await expect(chart).toBeVisible();
  const history = page.getByRole("table", { name: /every result, newest first/ });
  expect(await history.locator("tbody tr").count()).toBeGreaterThan(10);
  await expect(history).toContainText(words("en", "flag.high"));
  expect(await axeViolations(page), "result history").toEqual([]);
  await page
    .getByRole("link", {
      name: words("en", "backTo", { section: words("en", "sections.results") }),
    })
    .click();
  await expect(latestRow).not.toContainText(words("en", "results.new"));
});

test("search finds a test by name, a date filter narrows it, and a wrong filter is explained", async ({
  page,
}) => {
  await signInAndSync(page);
  await page.goto("/record");
  await page.getByLabel(words("en", "search.label")).fill("glucose");
  await page.getByRole("button", { name: words("en", "search.submit") }).click();
  await expect(page).toHaveURL(/\/record\/search\?q=glucose/);
  const found = page.getByRole("table", { name: words("en", "search.resultsCaption") });
  await expect(found.getByRole("link", { name: /Glucose/ }).first()).toBeVisible();

  await page.getByLabel(words("en", "search.from")).fill("2030-01-01");
  await page.getByLabel(words("en", "search.to")).fill("2020-01-01");
  await page.getByRole("button", { name: words("en", "search.submit") }).click();
  await expect(page.getByRole("alert")).toContainText(text("en", "errors.REC-402.message"));
  // Nothing typed is lost.
  await expect(page.getByLabel(words("en", "search.label"))).toHaveValue("glucose");
  await expect(page.getByLabel(words("en", "search.from"))).toHaveValue("2030-01-01");
  expect(await axeViolations(page), "search with an error").toEqual([]);

  await page.getByLabel(words("en", "search.from")).fill("2026-01-01");
  await page.getByLabel(words("en", "search.to")).fill("2026-12-31");
  await page.getByRole("button", { name: words("en", "search.submit") }).click();
  await expect(page).toHaveURL(/from=2026-01-01&to=2026-12-31/);
  const dates = await found
    .locator("tbody time")
    .evaluateAll((times) => times.map((time) => time.getAttribute("datetime") ?? ""));
  expect(dates.length).toBeGreaterThan(0);
  for (const date of dates) expect(date >= "2026-01-01").toBe(true);
});

test("offline, a reload of each record page shows the same content", async ({ page, context }) => {
  // Some twenty pages, each reloaded offline and opened with the PIN (argon2id each time).
  test.setTimeout(360_000);
  await signInAndSync(page);
  await controlledByServiceWorker(page);
  const pages = await everyRecordPage(page);
  // Opening a result marks it seen ("New" goes): visit everything once before comparing.
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator(".app-loading")).toHaveCount(0);
  }
  const online = new Map<string, string>();
  for (const path of pages) {
    if (path === "/") continue;
    await page.goto(path);
    await expect(page.locator(".app-loading")).toHaveCount(0);
    await expect(page.locator("main h1")).toBeVisible();
    online.set(path, await settledContent(page));
  }
  // Offline, each reload opens the saved copy with the device's PIN (ADR 29), then the page.
  await setDevicePin(page);
  await context.setOffline(true);
  for (const [path, content] of online) {
    await page.goto(path);
    await unlockWithPin(page);
    await expect(page).toHaveURL(path);
    await expect(page.locator(".app-loading")).toHaveCount(0);
    await expect.poll(() => mainContent(page), { message: path }).toBe(content);
  }
});

test("keyboard only: home → a result's history → back", async ({ page }) => {
  await signInAndSync(page);
  await page.goto("/");
  await expect(page.getByRole("link", { name: words("en", "home.seeResults") })).toBeVisible();

  /** Presses Tab until the focused element is the link named `name`. */
  async function tabTo(name: string | RegExp) {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
      if (typeof name === "string" ? focused === name : name.test(focused)) return;
    }
    throw new Error(`Tab never reached ${name}`);
  }
  await tabTo(words("en", "home.seeResults"));
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText(words("en", "sections.results"));
  await expect(h1(page)).toBeFocused();
  await tabTo(new RegExp(`^${literally(plainName("en", "4548-4"))}`));
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText(plainName("en", "4548-4"));
  await expect(page.getByRole("img", { name: /since/ })).toBeVisible();
  await tabTo(words("en", "backTo", { section: words("en", "sections.results") }));
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText(words("en", "sections.results"));
});

/** A name as a regular expression that matches it literally. */
function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("search finds a test by everyday words in the reader's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "es" });
  const page = await context.newPage();
  await signInAndSync(page, "es");
  await page.goto(`/record/search?q=${encodeURIComponent("azúcar")}`);
  const found = page.getByRole("table", { name: words("es", "search.resultsCaption") });
  await expect(
    found.getByRole("link", { name: new RegExp(literally(plainName("es", "4548-4"))) }),
  ).toBeVisible();
  await context.close();
});

test("find a test: A to Z by plain name, a letter and a tap away on a 390-pixel phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndSync(page);
  await page.goto("/record/results");
  const section = page.getByRole("region", { name: words("en", "commonTests.findHeading") });
  await expect(section.getByRole("heading", { level: 2 })).toBeVisible();
  // Keyboard: the list opens from its summary.
  await section.locator("summary").focus();
  await page.keyboard.press("Enter");
  const letters = section.getByRole("navigation", {
    name: words("en", "commonTests.lettersLabel"),
  });
  await expect(letters).toBeVisible();
  // The letters fit in a screen's first part, wherever the list starts.
  const box = await letters.boundingBox();
  expect(box?.height ?? 1000).toBeLessThan(844 / 2);
  const names = await section
    .locator(".record-test-list > li > a")
    .evaluateAll((links) => links.map((link) => link.textContent ?? ""));
  expect(names.length).toBeGreaterThan(3);
  // A to Z within each letter, as English sorts.
  const sorted = [...names].sort(new Intl.Collator("en", { numeric: true }).compare);
  expect(names).toEqual(sorted);
  // A letter leads to its heading; the heading is one screen from any of its tests.
  const letter = letters.getByRole("link").first();
  const label = (await letter.textContent()) ?? "";
  await letter.focus();
  await page.keyboard.press("Enter");
  const heading = section.getByRole("heading", { level: 3, name: label });
  await expect(heading).toBeFocused();
  expect(await axeViolations(page), "results with the test list open").toEqual([]);
  // And a test opens at its history.
  const first = section.locator(".record-test-list > li > a").first();
  const name = (await first.textContent()) ?? "";
  await first.click();
  await expect(h1(page)).toHaveText(name);
  await expect(page.getByRole("table", { name: /every result, newest first/ })).toBeVisible();
});

test("at 320 CSS pixels no record page scrolls sideways", async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: 720 });
  await signInAndSync(page);
  for (const path of await everyRecordPage(page)) {
    await page.goto(path);
    await expect(page.locator(".app-loading")).toHaveCount(0);
    await expect(page.locator("main h1")).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

for (const locale of locales as readonly Locale[]) {
  test(`in ${locale}, every record page is axe-clean and in that language`, async ({ browser }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await signInAndSync(page, locale);
    for (const path of await everyRecordPage(page)) {
      await page.goto(path);
      await expect(page.locator(".app-loading")).toHaveCount(0);
      // A record page shows its heading once the device's copy has been read: check the page,
      // not the moment before it (a clean-clone run once found no h1 there).
      await expect(h1(page)).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      expect(await axeViolations(page), `${locale} ${path}`).toEqual([]);
    }
    await page.goto("/record/results");
    await expect(h1(page)).toHaveText(words(locale, "sections.results"));
    await context.close();
  });
}

test("the record downloads as a FHIR Bundle, and a page prints without the app around it", async ({
  page,
}) => {
  await signInAndSync(page);
  await page.goto("/record");
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: words("en", "download.button") }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^hearth-record-\d{4}-\d{2}-\d{2}\.json$/);
  const bundle = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    resourceType: string;
    entry: unknown[];
  };
  expect(bundle.resourceType).toBe("Bundle");
  expect(bundle.entry.length).toBeGreaterThan(100);

  await page.goto("/record/medications");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: text("en", "layout.mainMenu") })).toBeHidden();
  await expect(page.getByRole("button", { name: words("en", "print") })).toBeHidden();
  await expect(h1(page)).toBeVisible();
  await expect(page.locator("main")).toContainText("Metformin");
});
