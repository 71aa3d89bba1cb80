import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import { text } from "./support/locales.ts";
import { signIn } from "./support/sign-in.ts";

/**
 * Two tabs of one browser (one context, so one cookie jar and one IndexedDB): what happens to
 * who is signed in in one reaches the other at once (ADR 29).
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });
/** The sign-in page's notice of why the person is there (a status banner in main). */
const notice = (page: Page, key: string) =>
  page.getByRole("main").locator(".status-banner__title", { hasText: text("en", key) });
/** The page's one polite live region (client/ui/live-region.tsx). */
const liveRegion = (page: Page) => page.locator('div.visually-hidden[role="status"]');

/** The names of the IndexedDB databases of this origin, as the page sees them. */
function databases(page: Page): Promise<string[]> {
  return page.evaluate(async () =>
    (await indexedDB.databases()).map((database) => database.name ?? ""),
  );
}

async function userId(page: Page): Promise<string> {
  return ((await (await page.request.get("/api/me")).json()) as { id: string }).id;
}

/** Tab A: ana, synced, reading her results. Answers tab A, tab B, ana's id and a row shown. */
async function anaReadingHerRecord(context: BrowserContext) {
  const tabA = await context.newPage();
  await signIn(tabA, "ana");
  await expect(tabA.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
  await tabA.goto("/record/results");
  const firstRow = tabA.locator("main table tbody tr").first();
  await expect(firstRow).toBeVisible();
  const shown = ((await firstRow.textContent()) ?? "").trim();
  expect(shown).not.toBe("");
  const anaId = await userId(tabA);
  expect(await databases(tabA)).toContain(`hearth-${anaId}`);
  // Tab B opens on the same session.
  const tabB = await context.newPage();
  await tabB.goto("/");
  await expect(h1(tabB)).toHaveText(text("en", "home.greeting", { name: "Ana Rivera" }));
  return { tabA, tabB, anaId, shown };
}

async function signInAsLee(tabB: Page) {
  await signIn(tabB, "dr.lee");
  return userId(tabB);
}

/** Nothing of ana's on tab A's screen, and no database of anyone but `current` on the device. */
async function nothingOfAnaLeft(tabA: Page, anaId: string, shown: string, current: string) {
  const body = (await tabA.locator("body").textContent()) ?? "";
  expect(body).not.toContain("Ana Rivera");
  expect(body).not.toContain(shown);
  const names = (await databases(tabA)).filter((name) => name.startsWith("hearth-"));
  expect(names).not.toContain(`hearth-${anaId}`);
  expect(names.every((name) => name === `hearth-${current}`)).toBe(true);
}

test("signing out in one tab shows the other the sign-in page, and someone else signing in says so", async ({
  context,
}) => {
  const { tabA, tabB, anaId, shown } = await anaReadingHerRecord(context);

  await tabB
    .getByRole("banner")
    .getByRole("button", { name: text("en", "signOut.button") })
    .click();
  await expect(h1(tabB)).toHaveText(text("en", "signIn.title"));
  await expect(h1(tabA)).toHaveText(text("en", "signIn.title"), { timeout: 2_000 });
  await expect(notice(tabA, "status.signedOut")).toBeVisible({ timeout: 2_000 });
  await expect(liveRegion(tabA)).toHaveText(text("en", "status.signedOut"));
  await expect(h1(tabA)).toBeFocused();

  // Someone else signs in in tab B: tab A, which showed ana, says another account signed in.
  const leeId = await signInAsLee(tabB);
  await expect(notice(tabA, "signIn.otherAccount")).toBeVisible({ timeout: 2_000 });
  await expect(liveRegion(tabA)).toHaveText(text("en", "signIn.otherAccount"));
  await expect(h1(tabA)).toHaveText(text("en", "signIn.title"));
  await expect(tabB.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
  await nothingOfAnaLeft(tabA, anaId, shown, leeId);
});

test("another account signing in while a tab shows ana's record signs that tab out at once", async ({
  context,
}) => {
  const { tabA, tabB, anaId, shown } = await anaReadingHerRecord(context);

  // Ana's session ends on the server (as from another device); tab B, reloaded, is signed out
  // and keeps her copy (a personal device), while tab A still shows her record.
  const origin = new URL(tabB.url()).origin;
  const ended = await tabB.request.post("/api/auth/sign-out", {
    headers: { origin, "content-type": "application/json" },
    data: {},
  });
  expect(ended.ok()).toBe(true);
  await tabB.goto("/sign-in");
  await expect(h1(tabB)).toHaveText(text("en", "signIn.title"));

  const leeId = await signInAsLee(tabB);
  await expect(h1(tabA)).toHaveText(text("en", "signIn.title"), { timeout: 2_000 });
  await expect(notice(tabA, "signIn.otherAccount")).toBeVisible({ timeout: 2_000 });
  await expect(liveRegion(tabA)).toHaveText(text("en", "signIn.otherAccount"));
  await expect(tabB.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
  await nothingOfAnaLeft(tabA, anaId, shown, leeId);
});
