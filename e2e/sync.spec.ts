import { expect, type Page, test } from "@playwright/test";
import { localeNames } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { setDevicePin, unlockWithPin } from "./support/device-lock.ts";
import { text } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";
import { greeting, signIn } from "./support/sign-in.ts";

/** The sync status every signed-in page shows, by what it says. */
const status = (page: Page, kind: string) => page.locator(`[data-sync-status="${kind}"]`);

/**
 * The device's outbox, read straight from IndexedDB as the app left it: sealed (ADR 29), so
 * only what a sign-out must read while locked is plain (whose, what kind, its state).
 */
function outbox(page: Page, userId: string) {
  return page.evaluate(
    (name) =>
      new Promise<Array<{ id: string; name: string; args?: unknown; state: string }>>(
        (resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction("outbox").objectStore("outbox").getAll();
            all.onsuccess = () => {
              open.result.close();
              resolve(all.result);
            };
          };
        },
      ),
    `hearth-${userId}`,
  );
}

test("after one sync the record is on the device, and an offline reload shows it", async ({
  page,
  context,
}) => {
  await signIn(page);
  await expect(status(page, "up-to-date")).toContainText(text("en", "sync.status.upToDate"));
  expect(await axeViolations(page), "home page, synced").toEqual([]);
  // What the device stores, by kind, is under Help → Check my device, not on the home page.
  await expect(page.getByRole("table", { name: text("en", "device.countsCaption") })).toHaveCount(
    0,
  );
  await page.getByRole("link", { name: text("en", "device.seeHoldings") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "help.check.title"));
  const records = page.getByRole("table", { name: text("en", "device.countsCaption") });
  const results = records.getByRole("row", { name: text("en", "device.kinds.Observation") });
  await expect(results).toBeVisible();
  const count = await results.getByRole("cell").textContent();
  expect(Number(count?.replace(/\D/g, ""))).toBeGreaterThan(50);
  expect(await axeViolations(page), "this device, synced").toEqual([]);

  await controlledByServiceWorker(page);
  // Offline, the saved copy opens with the device's PIN (ADR 29), back on the page it was on.
  await setDevicePin(page);
  await context.setOffline(true);
  await page.reload();
  await unlockWithPin(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "help.check.title"));
  // The record's data, read from the device with no network.
  await expect(results.getByRole("cell")).toHaveText(count as string);
  expect(await axeViolations(page), "this device, offline").toEqual([]);
  // Within the app the copy stays open; a reload would ask for the PIN again.
  await page
    .getByRole("link", { name: text("en", "layout.home"), exact: true })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting("en", "Ana Rivera"));
  await expect(status(page, "offline")).toContainText(
    text("en", "sync.status.offline", { when: "" }).split("(")[0] as string,
  );
  expect(await axeViolations(page), "home page, offline").toEqual([]);
});

test("a write made offline is applied once when the network returns (checked on the server)", async ({
  page,
  context,
}) => {
  // Dr. Lee's account language is what the write changes. Other tests sign in as Dr. Lee in
  // Spanish too, so the language written is one the account does not have yet.
  const me = await (async () => {
    await signIn(page, "dr.lee");
    const res = await page.request.get("/api/me");
    return (await res.json()) as { id: string; locale: string };
  })();
  const target = me.locale === "es" ? "vi" : "es";
  await expect(status(page, "up-to-date")).toBeVisible();
  await controlledByServiceWorker(page);
  // The reload opens the device's copy with the server's key again; only then is it written.
  await expect(status(page, "up-to-date")).toBeVisible();

  await context.setOffline(true);
  await page.getByRole("button", { name: text("en", "language.label") }).click();
  await page.getByRole("button", { name: localeNames[target] }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    greeting(target, "Dr. Jordan Lee"),
  );
  // Shown at once as waiting to be sent.
  await expect(status(page, "offline")).toContainText(
    text(target, "sync.pendingOffline", { count: 1 }),
  );
  const [queued] = await outbox(page, me.id);
  expect(queued).toMatchObject({ name: "profile.setLanguage", author: me.id });
  // What the write says is sealed, not stored in the clear.
  expect(queued).not.toHaveProperty("args");
  expect(JSON.stringify(queued)).not.toMatch(new RegExp(`locale|"${target}"`));

  // Back online, the first push reaches the server but its answer is lost on the way back.
  let pushes = 0;
  await page.route("**/api/sync/push", async (route) => {
    pushes++;
    if (pushes === 1) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  await context.setOffline(false);
  await expect.poll(() => pushes).toBe(1);
  // Sent again (here by a reload), it is answered from the server's record of the first time.
  await page.reload();
  await expect(status(page, "up-to-date")).toContainText(text(target, "sync.status.upToDate"));
  expect(pushes).toBe(2);
  expect(await outbox(page, me.id)).toEqual([]);

  // On the server: the account's language is the one chosen, and the mutation is recorded once under
  // its id — the same id answers with the first result, the same id with other arguments is
  // refused, and neither changes anything.
  const headers = { origin: new URL(page.url()).origin, "content-type": "application/json" };
  const again = await page.request.post("/api/sync/push", {
    headers,
    data: { protocol: 1, mutations: [{ ...pick(queued, target), author: me.id }] },
  });
  expect(await again.json()).toEqual({
    results: [{ id: queued?.id, status: "applied", result: { locale: target } }],
  });
  const forged = await page.request.post("/api/sync/push", {
    headers,
    data: {
      protocol: 1,
      mutations: [{ ...pick(queued, target), args: { locale: "ar" }, author: me.id }],
    },
  });
  expect(await forged.json()).toEqual({
    results: [{ id: queued?.id, status: "rejected", code: "SYNC-801" }],
  });
  const after = (await (await page.request.get("/api/me")).json()) as { locale: string };
  expect(after.locale).toBe(target);
});

/** The queued write as the device sends it (its arguments are the ones the test chose). */
function pick(entry: { id: string; name: string } | undefined, locale: string) {
  return { id: entry?.id, name: entry?.name, args: { locale } };
}

test("on a shared device, nothing is offered to keep and nothing is left after sign-out", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill("ana");
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill("hearth-demo");
  await page.getByRole("checkbox", { name: text("en", "signIn.sharedDevice.label") }).check();
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(status(page, "up-to-date")).toBeVisible();
  await expect(page.getByText(text("en", "device.sharedIntro"))).toBeVisible();
  await expect(page.getByRole("button", { name: text("en", "device.keep.button") })).toHaveCount(0);
  await page
    .getByRole("button", { name: text("en", "signOut.button") })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(text("en", "signIn.title"));
  const databases = await page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name),
  );
  expect(databases.filter((name) => name?.startsWith("hearth-"))).toEqual([]);
});

test("on a personal device, keeping the records is offered and its answer shown", async ({
  page,
}) => {
  await signIn(page);
  await expect(status(page, "up-to-date")).toBeVisible();
  await page.getByRole("button", { name: text("en", "device.keep.button") }).click();
  const answers = ["persisted", "notPersisted"].map((k) => text("en", `device.keep.${k}`));
  const shown = page.getByRole("main").getByText(new RegExp(answers.map(escapeRegExp).join("|")));
  await expect(shown).toBeVisible();
});

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
