import { expect, type Page, test } from "@playwright/test";
import { axeViolations } from "./support/axe.ts";
import { tabTo } from "./support/keyboard.ts";
import { locales, text, wordsOf } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";
import { signIn } from "./support/sign-in.ts";

const words = wordsOf("inbox");

const upToDate = (page: Page) => page.locator('[data-sync-status="up-to-date"]');
const announcer = (page: Page) => page.locator("[data-inbox-announcer]");

// Each test signs in two people and goes through several pages; the machine may be busy.
test.describe.configure({ timeout: 90_000 });

test("ana writes offline, it arrives once; dr.lee replies; ana hears of the reply after sync", async ({
  browser,
}) => {
  const subject = `Feet tingling ${Date.now()}`;
  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  await signIn(ana, "ana");
  await expect(upToDate(ana)).toBeVisible();
  await controlledByServiceWorker(ana);
  await expect(upToDate(ana)).toBeVisible();
  await ana.getByRole("link", { name: text("en", "layout.messages"), exact: true }).click();
  await expect(ana.getByRole("heading", { level: 1 })).toHaveText(words("en", "title"));
  await expect(ana.getByText(words("en", "notice.heading"))).toBeVisible();
  await ana.getByRole("link", { name: words("en", "list.newMessage") }).click();
  await expect(ana.getByRole("heading", { level: 1 })).toHaveText(words("en", "new.title"));

  // Offline, on the train: written, kept on the device, and said to be waiting.
  await anaContext.setOffline(true);
  await ana.getByLabel(words("en", "new.subject.label")).fill(subject);
  await ana
    .getByLabel(words("en", "new.body.label"))
    .fill("My feet tingle at night. Is that the metformin?");
  await ana.getByRole("button", { name: words("en", "new.submit") }).click();
  await expect(ana.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(ana.getByText(words("en", "thread.status.offline"), { exact: true })).toBeVisible();

  // Back online: sent, once.
  await anaContext.setOffline(false);
  await expect(ana.getByText(words("en", "thread.status.sent"), { exact: true })).toBeVisible();
  await ana
    .getByRole("link", { name: words("en", "thread.back") })
    .first()
    .click();
  await expect(ana.getByRole("link", { name: new RegExp(subject) })).toBeVisible();

  const leeContext = await browser.newContext();
  const lee = await leeContext.newPage();
  await signIn(lee, "dr.lee");
  const threads = (await (await lee.request.get("/api/inbox/threads")).json()) as {
    threads: Array<{ id: string; subject: string }>;
  };
  const mine = threads.threads.filter((t) => t.subject === subject);
  expect(mine).toHaveLength(1);
  const thread = (await (await lee.request.get(`/api/inbox/threads/${mine[0]?.id}`)).json()) as {
    messages: unknown[];
  };
  expect(thread.messages).toHaveLength(1);

  // Dr. Lee, keyboard only: from the menu to the thread, then the reply.
  await lee.goto("/inbox");
  await expect(lee.getByRole("heading", { level: 1 })).toHaveText(words("en", "clinician.title"));
  const link = lee.getByRole("link", { name: new RegExp(subject) });
  await tabTo(lee, link);
  await lee.keyboard.press("Enter");
  await expect(lee.getByRole("heading", { level: 1 })).toHaveText(subject);
  const box = lee.getByLabel(words("en", "clinician.reply.label", { name: "Ana Rivera" }));
  await tabTo(lee, box);
  await lee.keyboard.type("Possibly. Let's check your B12 at the next visit.");
  await tabTo(lee, lee.getByRole("button", { name: words("en", "thread.reply.submit") }));
  await lee.keyboard.press("Enter");
  await expect(lee.getByText("Possibly. Let's check your B12 at the next visit.")).toBeVisible();
  await expect(box).toHaveValue("");

  // Ana's next sync (here: the network coming back) brings it; the menu counts it, and a
  // screen reader hears it.
  await ana.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(
    ana.getByRole("link", { name: text("en", "layout.messagesUnread", { n: "1" }) }),
  ).toBeVisible();
  await expect(announcer(ana)).toHaveText(words("en", "announce.unread", { n: "1" }));
  await ana.getByRole("link", { name: new RegExp(subject) }).click();
  await expect(ana.getByText("Possibly. Let's check your B12 at the next visit.")).toBeVisible();
  await expect(ana.getByText(words("en", "thread.new"), { exact: true })).toBeVisible();
  // Opening it marks it read, on the device at once and then on the server.
  await expect(
    ana.getByRole("link", { name: text("en", "layout.messages"), exact: true }),
  ).toBeVisible();
  await expect
    .poll(async () => {
      const res = await lee.request.get(`/api/inbox/threads/${mine[0]?.id}`);
      const body = (await res.json()) as { messages: Array<{ readAt: string | null }> };
      return body.messages[1]?.readAt !== null;
    })
    .toBe(true);

  await anaContext.close();
  await leeContext.close();
});

test("a patient sends with the keyboard alone; markup, links and direction controls stay text", async ({
  page,
}) => {
  await signIn(page, "ana");
  await page.goto("/inbox/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(words("en", "new.title"));
  // Nothing typed: the error summary says what is missing, and takes focus.
  await tabTo(page, page.getByRole("button", { name: words("en", "new.submit") }));
  await page.keyboard.press("Enter");
  await expect(page.locator(":focus")).toContainText(text("en", "errorSummary.title"));
  await expect(page.locator(".error-summary")).toContainText(text("en", "errors.MSG-910.message"));

  const subject = `Odd text ${Date.now()}`;
  const body = '<img src=x onerror="document.title=1"> see https://evil.example \u202Egnp.exe';
  await tabTo(page, page.getByLabel(words("en", "new.subject.label")));
  await page.keyboard.type(subject);
  await tabTo(page, page.getByLabel(words("en", "new.body.label")));
  await page.keyboard.insertText(body);
  await tabTo(page, page.getByRole("button", { name: words("en", "new.submit") }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
  await expect(page.getByText(words("en", "thread.status.sent"), { exact: true })).toBeVisible();

  const shown = page.locator(".inbox-text").first();
  await expect(shown).toContainText(
    '<img src=x onerror="document.title=1"> see https://evil.example',
  );
  await expect(shown.locator("img, a, script")).toHaveCount(0);
  // The override is shown as a mark, not obeyed; the paragraph is isolated.
  await expect(shown).toContainText(words("en", "thread.control", { code: "U+202E" }));
  await expect(shown.locator("p").first()).toHaveAttribute("dir", "auto");
  expect(
    await shown
      .locator("p")
      .first()
      .evaluate((p) => getComputedStyle(p).unicodeBidi),
  ).toBe("isolate");
  expect(await page.evaluate(() => document.title)).not.toBe("1");
});

test("a reply refused by the server is kept, explained with its code, and can be edited", async ({
  browser,
}) => {
  const subject = `Closed meanwhile ${Date.now()}`;
  const anaContext = await browser.newContext();
  const ana = await anaContext.newPage();
  await signIn(ana, "ana");
  await expect(upToDate(ana)).toBeVisible();
  await controlledByServiceWorker(ana);
  await ana.goto("/inbox/new");
  await ana.getByLabel(words("en", "new.subject.label")).fill(subject);
  await ana.getByLabel(words("en", "new.body.label")).fill("First question.");
  await ana.getByRole("button", { name: words("en", "new.submit") }).click();
  await expect(ana.getByText(words("en", "thread.status.sent"), { exact: true })).toBeVisible();

  // Offline, Ana adds a follow-up; meanwhile the care team closes the conversation.
  await anaContext.setOffline(true);
  await ana.getByLabel(words("en", "thread.reply.label")).fill("A follow-up I must not lose.");
  await ana.getByRole("button", { name: words("en", "thread.reply.submit") }).click();
  await expect(ana.getByText(words("en", "thread.status.offline"), { exact: true })).toBeVisible();
  const leeContext = await browser.newContext();
  const lee = await leeContext.newPage();
  await signIn(lee, "dr.lee");
  const { threads } = (await (await lee.request.get("/api/inbox/threads")).json()) as {
    threads: Array<{ id: string; subject: string }>;
  };
  const threadId = threads.find((t) => t.subject === subject)?.id;
  const closed = await lee.request.post(`/api/inbox/threads/${threadId}/close`, {
    headers: { origin: new URL(lee.url()).origin, "content-type": "application/json" },
    data: {},
  });
  expect(closed.status()).toBe(200);

  await anaContext.setOffline(false);
  await expect(ana.getByText(words("en", "thread.status.notSent"))).toBeVisible();
  await expect(ana.getByText(text("en", "errorCode.label", { code: "MSG-915" }))).toBeVisible();
  await expect(ana.getByText(words("en", "thread.closed"))).toBeVisible();
  await ana.getByRole("button", { name: words("en", "thread.edit") }).click();
  await expect(ana.getByRole("heading", { level: 1 })).toHaveText(words("en", "new.title"));
  await expect(ana.getByLabel(words("en", "new.body.label"))).toHaveValue(
    "A follow-up I must not lose.",
  );
  await anaContext.close();
  await leeContext.close();
});

for (const locale of locales) {
  test(`every messaging page is axe-clean in ${locale}`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await signIn(page, "ana", locale);
    await page.goto("/inbox");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(words(locale, "title"));
    await expect(page.locator(".inbox-list__link").first()).toBeVisible();
    expect(await axeViolations(page), "patient inbox").toEqual([]);
    await page.locator(".inbox-list__link").first().click();
    await expect(page.locator(".inbox-messages")).toBeVisible();
    expect(await axeViolations(page), "patient thread").toEqual([]);
    await page.goto("/inbox/new");
    await page.getByRole("button", { name: words(locale, "new.submit") }).click();
    await expect(page.locator(".error-summary")).toBeVisible();
    expect(await axeViolations(page), "new message, with errors").toEqual([]);
    await context.close();

    const clinician = await browser.newContext({ locale });
    const lee = await clinician.newPage();
    await signIn(lee, "dr.lee", locale);
    await lee.goto("/inbox");
    await expect(lee.getByRole("heading", { level: 1 })).toHaveText(
      words(locale, "clinician.title"),
    );
    await expect(lee.locator(".inbox-list__link").first()).toBeVisible();
    expect(await axeViolations(lee), "clinician inbox").toEqual([]);
    await lee.locator(".inbox-list__link").first().click();
    await expect(lee.locator(".inbox-messages")).toBeVisible();
    expect(await axeViolations(lee), "clinician thread").toEqual([]);
    await clinician.close();
  });
}
