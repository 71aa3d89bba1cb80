import { type Browser, expect, type Page, test } from "@playwright/test";
import { axeViolations } from "./support/axe.ts";
import { text } from "./support/locales.ts";
import { demoPassword, signIn } from "./support/sign-in.ts";

// No write is lost silently (ADR 29). Only `ana` has a care team in the demo, so she writes;
// `omar` is the other person on her device; `dr.lee`, her clinician, is the server-side witness,
// through the clinician inbox API, of what arrived and how many times.
test.describe.configure({ timeout: 120_000 });

const upToDate = (page: Page) => page.locator('[data-sync-status="up-to-date"]');
const signOutButton = (page: Page) =>
  page.getByRole("button", { name: text("en", "signOut.button"), exact: true }).first();
const unsentDialog = (page: Page) =>
  page.getByRole("alertdialog", { name: text("en", "signOut.unsent.title") });
const oneMessage = text("en", "signOut.unsent.count", {
  count: 1,
  what: text("en", "signOut.unsent.kind.message", { count: 1 }),
});

/**
 * The server's side, as dr.lee (ana's clinician) sees it through the clinician inbox API, in a
 * context of his own: how many threads with `subject` there are, and messages in them.
 */
async function serverWitness(browser: Browser) {
  const context = await browser.newContext();
  const lee = await context.newPage();
  await signIn(lee, "dr.lee");
  return async (subject: string): Promise<[number, number]> => {
    const { threads } = (await (await lee.request.get("/api/inbox/threads")).json()) as {
      threads: Array<{ id: string; subject: string }>;
    };
    const mine = threads.filter((thread) => thread.subject === subject);
    let messages = 0;
    for (const thread of mine) {
      const body = (await (await lee.request.get(`/api/inbox/threads/${thread.id}`)).json()) as {
        messages: unknown[];
      };
      messages += body.messages.length;
    }
    return [mine.length, messages];
  };
}

/** Signs in through the form as a person would, without assuming where it lands. */
async function signInAs(page: Page, username: string) {
  await page.goto("/sign-in");
  await signInHere(page, username);
}

async function signInHere(page: Page, username: string) {
  await page.getByLabel(text("en", "signIn.username.label")).fill(username);
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
}

/** Opens the new-message page, writes `subject` and sends it (into the outbox). */
async function writeMessage(page: Page, subject: string) {
  await page.goto("/inbox/new");
  await sendMessageHere(page, subject);
}

/** On the new-message page already open, writes `subject` and sends it. */
async function sendMessageHere(page: Page, subject: string) {
  await page.getByLabel(text("en", "inbox.new.subject.label")).fill(subject);
  await page.getByLabel(text("en", "inbox.new.body.label")).fill(`About ${subject}.`);
  await page.getByRole("button", { name: text("en", "inbox.new.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
}

/** The page's live regions, as a screen reader would hear them. */
const heard = (page: Page, words: string) =>
  page.locator('[role="status"][aria-live="polite"]', { hasText: words });

test("offline: sign-out names the unsent message; kept, it lands once when ana signs in again", async ({
  browser,
  context,
  page,
}) => {
  const subject = `Kept for later ${Date.now()}`;
  const onServer = await serverWitness(browser);
  await signIn(page, "ana");
  await expect(upToDate(page)).toBeVisible();
  await page.goto("/inbox/new");
  await expect(upToDate(page)).toBeVisible();
  await context.setOffline(true);
  await sendMessageHere(page, subject);

  const button = signOutButton(page);
  await button.click();
  const dialog = unsentDialog(page);
  await expect(dialog).toContainText(oneMessage);
  // Offline, sending first is not offered; keeping has focus.
  await expect(dialog.getByRole("button", { name: text("en", "signOut.unsent.send") })).toHaveCount(
    0,
  );
  const keep = dialog.getByRole("button", { name: text("en", "signOut.unsent.keep") });
  await expect(keep).toBeFocused();
  // Escape closes it, signed in still, focus back on the button.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();

  await button.click();
  await unsentDialog(page)
    .getByRole("button", { name: text("en", "signOut.unsent.keep") })
    .click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(heard(page, text("en", "status.signedOutKept"))).toHaveCount(1);
  await expect(
    page.locator("#main-content").getByText(text("en", "status.signedOutKept")),
  ).toBeVisible();
  // The record is gone from the device; the write waits, bound to ana.
  expect(await page.evaluate(() => localStorage.getItem("hearth.lastUserId"))).toBeNull();

  await context.setOffline(false);
  expect(await onServer(subject)).toEqual([0, 0]);
  await signInHere(page, "ana");
  await expect(page).toHaveURL(/\/$/);
  await expect(upToDate(page)).toBeVisible();
  await expect.poll(() => onServer(subject), { timeout: 30_000 }).toEqual([1, 1]);
  expect(await page.evaluate(() => localStorage.getItem("hearth.keptWrites"))).toBeNull();
  // Once: a reload and another sync send nothing more.
  await page.reload();
  await expect(upToDate(page)).toBeVisible();
  expect(await onServer(subject)).toEqual([1, 1]);
});

test("with the push failing: the dialog appears, sending first says what is left, delete sends nothing", async ({
  browser,
  page,
}) => {
  const subject = `Never sent ${Date.now()}`;
  const onServer = await serverWitness(browser);
  await signIn(page, "ana");
  await expect(upToDate(page)).toBeVisible();
  await page.route("**/api/sync/push", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: '{"error":{"code":"SRV-502"}}',
    }),
  );
  await writeMessage(page, subject);

  await signOutButton(page).click();
  const dialog = unsentDialog(page);
  await expect(dialog).toContainText(oneMessage);
  const send = dialog.getByRole("button", { name: text("en", "signOut.unsent.send") });
  await expect(send).toBeFocused();
  expect(await axeViolations(page), "the sign-out dialog").toEqual([]);
  await send.click();
  const left = text("en", "signOut.unsent.left", {
    what: text("en", "signOut.unsent.kind.message", { count: 1 }),
  });
  await expect(dialog.getByRole("status")).toHaveText(left);
  await expect(page).not.toHaveURL(/\/sign-in/);

  await dialog.getByRole("button", { name: text("en", "signOut.unsent.delete") }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(heard(page, text("en", "status.signedOut"))).toHaveCount(1);
  await page.unroute("**/api/sync/push");

  // Nothing kept: signing in again sends nothing, and the server never had it.
  await signInHere(page, "ana");
  await expect(page).toHaveURL(/\/$/);
  await expect(upToDate(page)).toBeVisible();
  expect(await onServer(subject)).toEqual([0, 0]);
});

test("kept, then someone else signs in: they are told, it is not sent as them; ana's next sign-in sends it once", async ({
  browser,
  context,
  page,
}) => {
  const subject = `Kept past another person ${Date.now()}`;
  const onServer = await serverWitness(browser);
  await signIn(page, "ana");
  await expect(upToDate(page)).toBeVisible();
  await page.goto("/inbox/new");
  await expect(upToDate(page)).toBeVisible();
  await context.setOffline(true);
  await sendMessageHere(page, subject);
  await signOutButton(page).click();
  await unsentDialog(page)
    .getByRole("button", { name: text("en", "signOut.unsent.keep") })
    .click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.setOffline(false);

  // Omar on the same device: told once, and his sync sends nothing of ana's.
  await signInHere(page, "omar");
  await expect(page).toHaveURL(/\/$/);
  const notice = text("en", "keptWrites.notice", { count: 14 });
  // Shown, and said once by the notice's live region (both hold the words).
  await expect(page.getByRole("paragraph").filter({ hasText: notice })).toBeVisible();
  await expect(heard(page, notice)).toHaveCount(1);
  await expect(upToDate(page)).toBeVisible();
  expect(await onServer(subject)).toEqual([0, 0]);
  await page.getByRole("button", { name: text("en", "keptWrites.dismiss") }).click();
  await expect(page.getByText(notice)).toHaveCount(0);
  // A second sign-in of his is not told again.
  await signOutButton(page).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await signInHere(page, "omar");
  await expect(page).toHaveURL(/\/$/);
  await expect(upToDate(page)).toBeVisible();
  await expect(page.getByText(notice)).toHaveCount(0);
  expect(await onServer(subject)).toEqual([0, 0]);
  await signOutButton(page).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  // Ana again: it arrives, once.
  await signInHere(page, "ana");
  await expect(page).toHaveURL(/\/$/);
  await expect(upToDate(page)).toBeVisible();
  await expect.poll(() => onServer(subject), { timeout: 30_000 }).toEqual([1, 1]);
  await page.reload();
  await expect(upToDate(page)).toBeVisible();
  expect(await onServer(subject)).toEqual([1, 1]);
});

test("a message being typed survives the idle sign-out: signing in again, it is back on the same page", async ({
  page,
}) => {
  const subject = `Typed before the timeout ${Date.now()}`;
  const body = "I was halfway through telling you about my knee.";
  await page.clock.install();
  await signInAs(page, "ana");
  await expect(page).toHaveURL(/\/$/);
  await expect(upToDate(page)).toBeVisible();
  await page.getByRole("link", { name: text("en", "layout.messages"), exact: true }).click();
  await page.getByRole("link", { name: text("en", "inbox.list.newMessage") }).click();
  await expect(page).toHaveURL(/\/inbox\/new$/);
  await page.getByLabel(text("en", "inbox.new.subject.label")).fill(subject);
  await page.getByLabel(text("en", "inbox.new.body.label")).fill(body);
  // Kept as typed (the draft is in ana's own database; it is written a moment after typing).
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const open = indexedDB.open(`hearth-${localStorage.getItem("hearth.lastUserId")}`);
        const db = await new Promise<IDBDatabase>((resolve) => {
          open.onsuccess = () => resolve(open.result);
        });
        const count = db.transaction("drafts").objectStore("drafts").count();
        return new Promise<number>((resolve) => {
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
        });
      }),
    )
    .toBe(1);

  await page.clock.fastForward("28:05");
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText(text("en", "errors.AUTH-147.message"))).toBeVisible();

  await signInHere(page, "ana");
  await expect(page).toHaveURL(/\/inbox\/new$/);
  await expect(page.getByLabel(text("en", "inbox.new.subject.label"))).toHaveValue(subject);
  await expect(page.getByLabel(text("en", "inbox.new.body.label"))).toHaveValue(body);
  await expect(heard(page, text("en", "inbox.draft.restored"))).toBeVisible();

  // Sent, the draft is gone: the form opens empty next time.
  await page.getByRole("button", { name: text("en", "inbox.new.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await page.goto("/inbox/new");
  await expect(page.getByLabel(text("en", "inbox.new.body.label"))).toHaveValue("");
  await expect(page.getByText(text("en", "inbox.draft.restored"))).toHaveCount(0);
});

test("after an idle sign-out, someone else signing in is not sent to the page ana left", async ({
  page,
}) => {
  await page.clock.install();
  await signInAs(page, "ana");
  await expect(page).toHaveURL(/\/$/);
  await expect(upToDate(page)).toBeVisible();
  await page.getByRole("link", { name: text("en", "layout.messages"), exact: true }).click();
  await page.getByRole("link", { name: text("en", "inbox.list.newMessage") }).click();
  await page.getByLabel(text("en", "inbox.new.body.label")).fill("Not for anyone else's eyes.");
  await page.clock.fastForward("28:05");
  await expect(page.getByRole("alertdialog")).toBeVisible();
  await page.clock.fastForward("02:00");
  await expect(page).toHaveURL(/\/sign-in$/);
  await signInHere(page, "omar");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Not for anyone else's eyes.")).toHaveCount(0);
});
