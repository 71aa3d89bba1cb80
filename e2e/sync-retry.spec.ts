import { expect, type Page, test } from "@playwright/test";
import { text } from "./support/locales.ts";
import { signIn } from "./support/sign-in.ts";

/** A string of the inbox's namespace, English (shared/locales/inbox/en.json). */
const inboxWords = (key: string) => text("en", `inbox.${key}`);

/**
 * Everything the sync banner showed and the page's live regions said, in order, recorded in the
 * page as it happens: a state that lasts a second is seen however busy the machine is. From
 * this document on, and in every document the page loads after it.
 */
async function recordStatus(page: Page) {
  await page.addInitScript(startRecording);
  await page.evaluate(startRecording);
  return () =>
    page.evaluate(
      () =>
        (
          window as unknown as {
            statusSeen: Array<{ banner?: string; kind?: string; said?: string }>;
          }
        ).statusSeen,
    );
}

function startRecording() {
  const seen: Array<{ banner?: string; kind?: string; said?: string }> = [];
  (window as unknown as { statusSeen: typeof seen }).statusSeen = seen;
  let lastBanner = "";
  const said = new Map<Element, string>();
  const look = () => {
    const banner = document.querySelector("[data-sync-status]");
    const now = `${banner?.getAttribute("data-sync-status")}|${banner?.textContent}`;
    if (banner && now !== lastBanner) {
      lastBanner = now;
      seen.push({
        kind: banner.getAttribute("data-sync-status") ?? "",
        banner: banner.textContent ?? "",
      });
    }
    for (const region of document.querySelectorAll('[role="status"][aria-live="polite"]')) {
      const words = region.textContent ?? "";
      if (words && said.get(region) !== words) seen.push({ said: words });
      said.set(region, words);
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
  look();
}

test("a push whose answer is lost while online is retried by itself, and the write lands once", async ({
  page,
  browser,
}) => {
  const subject = `Dizzy after lunch ${Date.now()}`;
  await signIn(page, "ana");
  await expect(page.locator('[data-sync-status="up-to-date"]')).toBeVisible();
  await page.getByRole("link", { name: text("en", "layout.messages"), exact: true }).click();
  await page.getByRole("link", { name: inboxWords("list.newMessage") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(inboxWords("new.title"));

  // The first push carrying the message reaches the server, which applies it; its answer is
  // lost on the way back (a dropped connection). The browser stays online throughout.
  let droppedAt = 0;
  let nextPushAt = 0;
  let pushes = 0;
  await page.route("**/api/sync/push", async (route) => {
    const carries = JSON.stringify(route.request().postDataJSON()).includes("message.send");
    if (carries) pushes++;
    if (carries && pushes === 1) {
      await route.fetch();
      await route.abort("connectionreset");
      droppedAt = Date.now();
      return;
    }
    if (carries && pushes === 2) nextPushAt = Date.now();
    await route.continue();
  });
  const seen = await recordStatus(page);

  await page.getByLabel(inboxWords("new.subject.label")).fill(subject);
  await page.getByLabel(inboxWords("new.body.label")).fill("Since Monday, about an hour after.");
  await page.getByRole("button", { name: inboxWords("new.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);

  // On the server, within 10 s, with no reload, visibility change or network event: once.
  const leeContext = await browser.newContext();
  const lee = await leeContext.newPage();
  await signIn(lee, "dr.lee");
  const onServer = async () => {
    const list = (await (await lee.request.get("/api/inbox/threads")).json()) as {
      threads: Array<{ id: string; subject: string }>;
    };
    return list.threads.filter((t) => t.subject === subject);
  };
  await expect.poll(async () => (await onServer()).length, { timeout: 10_000 }).toBe(1);
  await expect.poll(() => pushes, { timeout: 10_000 }).toBe(2);
  const [thread] = await onServer();
  const detail = (await (await lee.request.get(`/api/inbox/threads/${thread?.id}`)).json()) as {
    messages: unknown[];
  };
  expect(detail.messages).toHaveLength(1);
  await leeContext.close();

  expect(droppedAt).toBeGreaterThan(0);
  expect(nextPushAt).toBeGreaterThan(droppedAt);
  console.log(`first retry after dropped answer: ${nextPushAt - droppedAt} ms`);
  await expect(page.getByText(inboxWords("thread.status.sent"), { exact: true })).toBeVisible();
  await expect(page.locator('[data-sync-status="up-to-date"]')).toBeVisible();

  // While it failed: "cannot reach the server — trying again", never "Offline"; said once.
  const history = await seen();
  const trying = text("en", "sync.status.retryingNoUpdate");
  const banners = history.filter((h) => h.kind);
  expect(banners.filter((h) => h.kind === "retrying")).not.toEqual([]);
  for (const shown of banners.filter((h) => h.kind === "retrying"))
    expect(shown.banner).toContain(trying);
  expect(banners.filter((h) => h.kind === "offline")).toEqual([]);
  expect(banners.some((h) => h.banner?.includes("Offline"))).toBe(false);
  const said = history.flatMap((h) => (h.said ? [h.said] : []));
  expect(said.filter((words) => words.startsWith(trying))).toHaveLength(1);
  expect(said.some((words) => words.includes("Offline"))).toBe(false);
  // And, once through, up to date again, said after it.
  const tried = said.findIndex((words) => words.startsWith(trying));
  expect(said.slice(tried + 1)).toContain(text("en", "sync.status.upToDate"));
});

test("offline after a first sync cut off part-way, it says what it shows, not 'nothing saved'", async ({
  page,
  context,
}) => {
  // The record comes in pages; the network goes after the first has been written. (The demo
  // record fits one page, so its answer says more is coming.)
  let pulls = 0;
  await page.route("**/api/sync/pull", async (route) => {
    pulls++;
    if (pulls === 1) {
      const response = await route.fetch();
      const page = (await response.json()) as { rows: unknown[]; more: boolean };
      expect(page.rows.length).toBeGreaterThan(0);
      return route.fulfill({ response, json: { ...page, more: true } });
    }
    await context.setOffline(true);
    await route.abort("internetdisconnected");
  });
  const seen = await recordStatus(page);
  await signIn(page, "ana");
  const banner = page.locator('[data-sync-status="offline"]');
  await expect(banner).toContainText(text("en", "sync.status.offlinePartial"));
  await expect(banner).not.toContainText(text("en", "sync.status.offlineNothingSaved"));
  expect(pulls).toBe(2);
  const rows = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        indexedDB.databases().then((all) => {
          const db = all.find((d) => d.name?.startsWith("hearth-"));
          if (!db?.name) return resolve(-1);
          const open = indexedDB.open(db.name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction("resources").objectStore("resources").count();
            count.onsuccess = () => {
              open.result.close();
              resolve(count.result);
            };
          };
        }, reject);
      }),
  );
  expect(rows).toBeGreaterThan(0);
  const said = (await seen()).flatMap((h) => (h.said ? [h.said] : []));
  expect(said).toContain(text("en", "sync.status.offlinePartial"));
  expect(said).not.toContain(text("en", "sync.status.offlineNothingSaved"));
});
