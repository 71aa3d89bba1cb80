import { readFileSync } from "node:fs";
import { expect, type Page, request, test } from "@playwright/test";
import type { BookablePractitioners } from "../shared/contracts/appointments.ts";
import type { Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { setDevicePin, unlockWithPin } from "./support/device-lock.ts";
import { tabTo } from "./support/keyboard.ts";
import { locales, wordsOf } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";
import { demoPassword, signIn } from "./support/sign-in.ts";

// One seeded server for the whole file: the steps below book, check in and cancel ana's visits
// in order, so they run one after the other.
test.describe.configure({ mode: "serial", timeout: 60_000 });

const words = wordsOf("appointments");

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

/** The first upcoming appointment's link on /appointments. */
function firstUpcoming(page: Page, locale = "en") {
  return page
    .getByRole("region", { name: words(locale, "upcomingHeading") })
    .getByRole("link")
    .first();
}

/** Walks the wizard to the time step: in person, with dr.lee. */
async function toTimeStep(page: Page, locale = "en") {
  await page.goto("/appointments/book");
  await expect(h1(page)).toHaveText(words(locale, "book.kindHeading"));
  await page.getByRole("radio", { name: words(locale, "visitTypes.in-person") }).check();
  await page.getByRole("radio", { name: "Dr. Jordan Lee" }).check();
  await page.getByRole("button", { name: words(locale, "book.continue") }).click();
  await expect(h1(page)).toHaveText(words(locale, "book.timeHeading"));
}

/** Another patient books `start` through the API, as their own device would. */
async function rosaBooks(baseURL: string, start: string) {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const signedIn = await api.post("/api/auth/sign-in", {
    data: { username: "rosa", password: demoPassword },
  });
  expect(signedIn.status()).toBe(200);
  const me = (await (await api.get("/api/me")).json()) as { id: string };
  const { practitioners } = (await (
    await api.get("/api/appointments/practitioners")
  ).json()) as BookablePractitioners;
  const pushed = await api.post("/api/sync/push", {
    data: {
      protocol: 1,
      mutations: [
        {
          id: crypto.randomUUID(),
          name: "appointment.book",
          author: me.id,
          args: {
            id: crypto.randomUUID(),
            scheduleId: practitioners[0]?.scheduleId,
            start,
            visitType: "in-person",
            reason: "Back pain",
          },
        },
      ],
    },
  });
  const { results } = (await pushed.json()) as { results: { status: string }[] };
  expect(results[0]?.status).toBe("applied");
  await api.dispose();
}

test("ana sees her visit, downloads it as .ics, checks in, then cancels it", async ({ page }) => {
  await signIn(page);
  await page.goto("/appointments");
  await expect(h1(page)).toHaveText(words("en", "title"));
  await expect(page.getByRole("region", { name: words("en", "pastHeading") })).toContainText(
    words("en", "statuses.fulfilled"),
  );
  await firstUpcoming(page).click();
  await expect(page.getByText("Hearth Community Clinic", { exact: false })).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: words("en", "detail.addToCalendar") }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^appointment-\d{4}-\d{2}-\d{2}\.ics$/);
  const ics = readFileSync((await file.path()) as string, "utf8");
  expect(ics).toContain("BEGIN:VCALENDAR\r\n");
  expect(ics).toMatch(/\r\nDTSTART:\d{8}T\d{6}Z\r\n/);
  expect(ics).toContain("LOCATION:Hearth Community Clinic\\, 120 Main Street\\, Springfield");

  await page.getByRole("link", { name: words("en", "detail.checkInLink") }).click();
  await expect(h1(page)).toHaveText(words("en", "checkIn.title"));
  expect(await axeViolations(page), "check-in page").toEqual([]);
  await page.getByRole("button", { name: words("en", "checkIn.submit") }).click();
  await expect(
    page.getByRole("link", { name: words("en", "checkIn.phoneRequired") }),
  ).toBeVisible();
  expect(await axeViolations(page), "check-in errors").toEqual([]);
  await page.getByLabel(words("en", "checkIn.phoneLabel")).fill("+1 555 010 0999");
  await page.getByLabel(words("en", "checkIn.medicationsConfirmed")).check();
  await page.getByLabel(words("en", "checkIn.symptomsLabel")).fill("Tired after lunch");
  await page.getByRole("button", { name: words("en", "checkIn.submit") }).click();
  await expect(page.getByText(words("en", "checkIn.sent"))).toBeVisible();
  await page.getByRole("link", { name: words("en", "detail.back") }).click();
  await expect(page.getByText(words("en", "detail.checkedIn"))).toBeVisible();

  await page.getByRole("button", { name: words("en", "detail.cancel") }).click();
  await page.getByRole("button", { name: words("en", "detail.cancelYes") }).click();
  await page.goto("/appointments");
  await expect(page.getByRole("region", { name: words("en", "pastHeading") })).toContainText(
    words("en", "statuses.cancelled"),
  );
});

test("ana's appointments are on her device: an offline reload still lists them", async ({
  page,
  context,
}) => {
  await signIn(page);
  await page.goto("/appointments");
  await expect(page.getByRole("region", { name: words("en", "pastHeading") })).toContainText(
    words("en", "statuses.fulfilled"),
  );
  // The service worker serves the app itself offline; the data comes from Dexie.
  await controlledByServiceWorker(page);
  // Offline, the saved copy opens with the device's PIN (ADR 29).
  await setDevicePin(page);
  await context.setOffline(true);
  await page.reload();
  await unlockWithPin(page);
  await expect(h1(page)).toHaveText(words("en", "title"));
  await expect(page.getByRole("region", { name: words("en", "pastHeading") })).toContainText(
    words("en", "statuses.fulfilled"),
  );
  await context.setOffline(false);
});

test("ana books with the keyboard alone, checking a summary before she confirms", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/appointments");
  await tabTo(page, page.getByRole("link", { name: words("en", "bookLink") }));
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText(words("en", "book.kindHeading"));

  await tabTo(page, page.getByRole("radio", { name: words("en", "visitTypes.in-person") }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("radio", { name: "Dr. Jordan Lee" }));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: words("en", "book.continue") }));
  await page.keyboard.press("Enter");

  await expect(h1(page)).toHaveText(words("en", "book.timeHeading"));
  await expect(h1(page)).toBeFocused();
  const times = page.getByRole("radio");
  await expect(times.first()).toBeVisible();
  // Each time's name is the whole date and time, not "09:00" alone.
  expect(await times.first().getAttribute("value")).toMatch(/Z$/);
  const name = (await page.locator(`label[for="time"]`).textContent()) ?? "";
  expect(name).toMatch(/\d{4}/);
  await tabTo(page, times.first());
  await page.keyboard.press("ArrowDown");
  await tabTo(page, page.getByRole("button", { name: words("en", "book.continue") }));
  await page.keyboard.press("Enter");

  await expect(h1(page)).toHaveText(words("en", "book.reasonHeading"));
  await tabTo(page, page.getByLabel(words("en", "book.reasonLabel")));
  await page.keyboard.type("Blood sugar review");
  await tabTo(page, page.getByRole("button", { name: words("en", "book.continue") }));
  await page.keyboard.press("Enter");

  await expect(h1(page)).toHaveText(words("en", "book.reviewHeading"));
  await expect(
    page.getByRole("definition").filter({ hasText: "Blood sugar review" }),
  ).toBeVisible();
  await tabTo(page, page.getByRole("button", { name: words("en", "book.confirm") }));
  await page.keyboard.press("Enter");
  await expect(page.getByText(words("en", "book.confirmedTitle"))).toBeVisible();
});

test("ana moves a visit to another time of the same clinician", async ({ page }) => {
  await signIn(page);
  // A visit on the last bookable day: well before the cut-off.
  await toTimeStep(page);
  const lastDay = await page.locator("#day option").last().getAttribute("value");
  await page.getByLabel(words("en", "book.dateLabel")).selectOption(lastDay as string);
  await page.getByRole("radio").first().check();
  await page.getByRole("button", { name: words("en", "book.continue") }).click();
  await page.getByLabel(words("en", "book.reasonLabel")).fill("Eye check");
  await page.getByRole("button", { name: words("en", "book.continue") }).click();
  await page.getByRole("button", { name: words("en", "book.confirm") }).click();
  await expect(page.getByText(words("en", "book.confirmedTitle"))).toBeVisible();
  await page.locator(".status-banner a").click();

  await page.getByRole("link", { name: words("en", "detail.reschedule") }).click();
  await expect(h1(page)).toHaveText(words("en", "book.timeHeading"));
  await page.getByLabel(words("en", "book.dateLabel")).selectOption(lastDay as string);
  await page.getByRole("radio").nth(1).check();
  await page.getByRole("button", { name: words("en", "book.continue") }).click();
  await expect(h1(page)).toHaveText(words("en", "book.reviewHeading"));
  await expect(page.getByRole("definition").filter({ hasText: "Dr. Jordan Lee" })).toBeVisible();
  await page.getByRole("button", { name: words("en", "book.confirmReschedule") }).click();
  await expect(page.getByText(words("en", "book.confirmedTitle"))).toBeVisible();
  await page.locator(".status-banner a").click();
  await expect(page.getByRole("definition").filter({ hasText: "Eye check" })).toBeVisible();
  await expect(
    page.getByRole("definition").filter({ hasText: words("en", "statuses.booked") }),
  ).toBeVisible();
});

test("ana books offline, someone else takes the slot, and she picks one of the nearest times", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page);
  await toTimeStep(page);
  const first = page.getByRole("radio").first();
  const start = (await first.getAttribute("value")) as string;

  await context.setOffline(true);
  await first.check();
  await page.getByRole("button", { name: words("en", "book.continue") }).click();
  await page.getByLabel(words("en", "book.reasonLabel")).fill("Follow-up");
  await page.getByRole("button", { name: words("en", "book.continue") }).click();
  await page.getByRole("button", { name: words("en", "book.confirm") }).click();
  await expect(page.getByText(words("en", "book.doneOffline"))).toBeVisible();

  await rosaBooks(baseURL as string, start);
  await context.setOffline(false);

  await expect(page.getByText(words("en", "book.refusedTitle")).first()).toBeVisible();
  const nearest = page.getByRole("group", { name: words("en", "refused.nearestLegend") });
  await expect(nearest.getByRole("radio").first()).toBeVisible();
  expect(await axeViolations(page), "conflict").toEqual([]);
  await nearest.getByRole("radio").first().check();
  await page.getByRole("button", { name: words("en", "refused.bookThis") }).click();
  await expect(page.getByText(words("en", "book.confirmedTitle"))).toBeVisible();
});

test("dr.lee sees the day's list with check-in answers, and edits availability", async ({
  page,
}) => {
  await signIn(page, "dr.lee");
  await page.goto("/clinic/appointments");
  await expect(h1(page)).toHaveText(words("en", "clinic.title"));
  await page.getByRole("button", { name: words("en", "clinic.weekView") }).click();
  // Ana's checked-in visit is three to ten days ahead: this week or the next.
  const answers = page.getByText(words("en", "clinic.checkInHeading"));
  await expect(page.getByText(words("en", "clinic.loading"))).toBeHidden();
  if ((await answers.count()) === 0) {
    await page.getByRole("button", { name: words("en", "clinic.next") }).click();
  }
  await answers.first().click();
  await expect(page.getByText("Tired after lunch")).toBeVisible();
  expect(await axeViolations(page), "clinician list").toEqual([]);
  await page.goto("/clinic/availability");
  await expect(h1(page)).toHaveText(words("en", "availability.title"));
  await page.getByLabel(words("en", "availability.dateLabel")).fill("2030-01-02");
  await page.getByRole("button", { name: words("en", "availability.addOverride") }).click();
  await expect(
    page.getByText(words("en", "availability.closedOn", { date: "2030-01-02" })),
  ).toBeVisible();
  expect(await axeViolations(page), "availability editor").toEqual([]);
});

for (const locale of locales as readonly Locale[]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });
    // Eight axe runs over a two-core machine shared with other suites.
    test.setTimeout(120_000);

    test("every step of booking, the list and a visit are axe-clean", async ({ page }) => {
      await signIn(page, "ana", locale);
      await page.goto("/appointments");
      await expect(h1(page)).toHaveText(words(locale, "title"));
      expect(await axeViolations(page), "list").toEqual([]);
      await firstUpcoming(page, locale).click();
      await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
      expect(await axeViolations(page), "visit").toEqual([]);
      await page.getByRole("link", { name: words(locale, "detail.checkInLink") }).click();
      await expect(h1(page)).toHaveText(words(locale, "checkIn.title"));
      expect(await axeViolations(page), "check-in").toEqual([]);

      await page.goto("/appointments/book");
      await page.getByRole("button", { name: words(locale, "book.continue") }).click();
      await expect(page.locator(".error-summary")).toBeFocused();
      expect(await axeViolations(page), "kind step with errors").toEqual([]);
      await page.getByRole("radio", { name: words(locale, "visitTypes.video") }).check();
      await page.getByRole("radio", { name: "Dr. Jordan Lee" }).check();
      expect(await axeViolations(page), "kind step").toEqual([]);
      await page.getByRole("button", { name: words(locale, "book.continue") }).click();
      await expect(h1(page)).toHaveText(words(locale, "book.timeHeading"));
      await expect(page.getByRole("radio").first()).toBeVisible();
      expect(await axeViolations(page), "time step").toEqual([]);
      await page.getByRole("radio").first().check();
      await page.getByRole("button", { name: words(locale, "book.continue") }).click();
      await page.getByRole("button", { name: words(locale, "book.continue") }).click();
      expect(await axeViolations(page), "reason step with errors").toEqual([]);
      await page.getByLabel(words(locale, "book.reasonLabel")).fill("…");
      await page.getByRole("button", { name: words(locale, "book.continue") }).click();
      await expect(h1(page)).toHaveText(words(locale, "book.reviewHeading"));
      expect(await axeViolations(page), "review step").toEqual([]);
    });
  });
}
