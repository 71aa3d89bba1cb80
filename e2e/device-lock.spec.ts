import { type Browser, expect, type Page, test } from "@playwright/test";
import { axeViolations } from "./support/axe.ts";
import { defaultPin, setDevicePin, unlockWithPin } from "./support/device-lock.ts";
import { text } from "./support/locales.ts";
import { controlledByServiceWorker } from "./support/service-worker.ts";
import { demoPassword, signIn } from "./support/sign-in.ts";

/**
 * The device copy's lock (docs/decisions/0029-device-copy-lock.md), seen from the
 * browser: locked, the copy is unreadable in IndexedDB itself; the PIN opens it; five wrong
 * PINs, or the server cutting the device off, delete it.
 */

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

/** Signed in as ana with her whole record on the device, and a reload that works offline. */
async function signInAndSync(page: Page) {
  await signIn(page, "ana");
  await expect(page.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
  await controlledByServiceWorker(page);
  await expect(page.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
}

/** This page's session id, as Account lists it ("this device"). */
async function thisSessionId(page: Page): Promise<string> {
  const id = await page.evaluate(async () => {
    const answer = await fetch("/api/account/sessions");
    const { sessions } = (await answer.json()) as { sessions: { id: string; current: boolean }[] };
    return sessions.find((s) => s.current)?.id;
  });
  if (!id) throw new Error("no current session listed");
  return id;
}

/**
 * Another device signs in as ana and, on Account, signs `sessionId` out: the lost-phone
 * remedy, which revokes that device's key as "Sign out everywhere else" does. One session,
 * not all: other tests are signed in as ana at the same time.
 */
async function signOutFromElsewhere(browser: Browser, sessionId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel(text("en", "signIn.username.label")).fill("ana");
  await page.getByLabel(text("en", "signIn.password.label"), { exact: true }).fill(demoPassword);
  await page.getByRole("button", { name: text("en", "signIn.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account");
  const row = page
    .locator(".session-list__item")
    .filter({ has: page.locator(`#session-${sessionId}`) });
  await row.getByRole("button", { name: text("en", "security.sessions.signOut") }).click();
  await expect(page.locator(`#session-${sessionId}`)).toHaveCount(0);
  await context.close();
}

/**
 * Text from ana's record as the server sends it: names, displays and free text (not the codes,
 * dates and statuses the device keeps in plain text to query by; ADR 29).
 */
async function recordStrings(page: Page): Promise<{ strings: string[]; codes: string[] }> {
  const found = new Set<string>();
  const textKeys = new Set(["display", "text", "family", "given", "valueString", "unit", "name"]);
  const collect = (value: unknown, key?: string) => {
    if (typeof value === "string") {
      if (key && textKeys.has(key) && value.length >= 4) found.add(value);
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item, key);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) collect(v, k);
    }
  };
  const pages = await page.evaluate(async () => {
    const answers: unknown[] = [];
    let cursors: Record<string, string> = {};
    for (let n = 0; n < 100; n++) {
      const answer = await fetch("/api/sync/pull", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ protocol: 1, cursors, limit: 1000 }),
      });
      if (!answer.ok) throw new Error(`pull: HTTP ${answer.status}`);
      const body = (await answer.json()) as {
        patients: { id: string; cursor: string }[];
        rows: { deleted: boolean; resource?: unknown; code?: string | null }[];
        more: boolean;
      };
      answers.push(body.rows.flatMap((row) => (row.deleted ? [] : [row])));
      cursors = Object.fromEntries(body.patients.map((p) => [p.id, p.cursor]));
      if (!body.more) break;
    }
    return answers;
  });
  const rows = pages.flat() as { resource: unknown; code: string | null }[];
  for (const row of rows) collect(row.resource);
  // The codes are an index the device keeps in plain text (ADR 29): the scan must find them.
  const codes = [
    ...new Set(rows.flatMap((row) => (row.code && row.code.length >= 4 ? [row.code] : []))),
  ];
  return { strings: [...found], codes };
}

/** Every row of every object store of every IndexedDB database of the page, as JSON text. */
async function everyStoredRow(page: Page): Promise<{ databases: string[]; rows: string[] }> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const databases = (await indexedDB.databases()).flatMap((d) => (d.name ? [d.name] : []));
    const rows: string[] = [];
    for (const name of databases) {
      const db = await request(indexedDB.open(name));
      for (const store of [...db.objectStoreNames]) {
        const all = await request(db.transaction(store).objectStore(store).getAll());
        for (const row of all) {
          // Sealed bytes are ciphertext: only what is stored as plain values is read here.
          rows.push(
            JSON.stringify(row, (_, value) =>
              ArrayBuffer.isView(value) || value instanceof ArrayBuffer ? "[bytes]" : value,
            ),
          );
        }
      }
      db.close();
    }
    return { databases, rows };
  });
}

/** How many of the record's strings can be read in IndexedDB: 0 when the copy is locked. */
async function plainTextHits(page: Page, strings: string[]) {
  const { databases, rows } = await everyStoredRow(page);
  const hits = strings.filter((s) =>
    rows.some((row) => row.includes(JSON.stringify(s).slice(1, -1))),
  );
  return { databases, rows: rows.length, hits };
}

const databaseNames = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ""));

test("locked after the session ends elsewhere: nothing readable in IndexedDB; the PIN opens it", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAndSync(page);
  const { strings, codes } = await recordStrings(page);
  expect(strings.length).toBeGreaterThan(36);
  await page.goto("/record/results");
  await setDevicePin(page);
  await expect(h1(page)).toHaveText(text("en", "record.sections.results"));

  // Offline first, so this device hears nothing of the revocation until it is online again.
  const sessionId = await thisSessionId(page);
  await context.setOffline(true);
  await signOutFromElsewhere(browser, sessionId);
  await page.reload();
  await expect(page).toHaveURL(/\/unlock\?next=%2Frecord%2Fresults$/);
  await expect(h1(page)).toHaveText(text("en", "lock.unlock.title"));
  await expect(page.getByText(text("en", "lock.unlock.intro"))).toBeVisible();
  expect(await axeViolations(page), "unlock page").toEqual([]);

  const locked = await plainTextHits(page, strings);
  // The scan reads what is there: the plain index fields are found.
  expect((await plainTextHits(page, codes)).hits.length).toBeGreaterThan(0);
  console.log(
    `device lock: ${locked.rows} IndexedDB rows in ${locked.databases.length} databases, ` +
      `${strings.length} record strings checked, ${locked.hits.length} found in plain text`,
  );
  expect(locked.rows).toBeGreaterThan(50);
  expect(locked.hits).toEqual([]);

  await unlockWithPin(page);
  await expect(page).toHaveURL(/\/record\/results$/);
  await expect(h1(page)).toHaveText(text("en", "record.sections.results"));
  await expect(page.locator("main table").first().locator("caption")).toContainText(
    "Hemoglobin A1c",
  );
});

test("the network goes while the copy's key is fetched: a waiting page, then the page asked for", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signInAndSync(page);
  // The answer to /api/me comes; the key's does not (context.route: the service worker's too).
  await context.route("**/api/device-keys/open", (route) => route.abort("internetdisconnected"));
  await page.goto("/appointments");
  await expect(h1(page)).toHaveText(text("en", "device.waiting.title"));
  await expect(page.getByText(text("en", "errorCode.label", { code: "NET-601" }))).toBeVisible();
  expect(await axeViolations(page), "waiting for the key").toEqual([]);
  // No page of the copy, and no sync of it, while it is shut.
  await expect(page.locator("[data-sync-status]")).toHaveCount(0);

  await context.unroute("**/api/device-keys/open");
  const retry = page.getByRole("button", { name: text("en", "device.waiting.retry") });
  await retry.focus();
  await page.keyboard.press("Enter");
  await expect(h1(page)).toHaveText(text("en", "appointments.title"));
  await expect(h1(page)).toBeFocused();
  await expect(page.locator('[data-sync-status="up-to-date"]')).toBeVisible({ timeout: 20_000 });
});

test("five wrong PINs: each says the tries left, the fifth deletes the copy", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signInAndSync(page);
  const userId = await page.evaluate(() => localStorage.getItem("hearth.lastUserId"));
  await setDevicePin(page);
  await context.setOffline(true);
  await page.reload();
  await expect(h1(page)).toHaveText(text("en", "lock.unlock.title"));

  const field = page.getByLabel(text("en", "lock.unlock.pinLabel"), { exact: true });
  for (let left = 4; left >= 1; left--) {
    await field.fill("135799");
    await page.getByRole("button", { name: text("en", "lock.unlock.submit"), exact: true }).click();
    await expect(page.getByRole("alert")).toContainText(
      text("en", "lock.unlock.wrong", { count: left }),
    );
    await expect(page.getByRole("alert")).toContainText("DEV-704");
    await expect(field).toBeFocused();
    await expect(field).toHaveValue("");
    if (left === 4) expect(await axeViolations(page), "unlock page, wrong PIN").toEqual([]);
  }
  await field.fill("135799");
  await page.getByRole("button", { name: text("en", "lock.unlock.submit"), exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("main")).toContainText(text("en", "errors.DEV-705.message"));
  await expect(page.getByRole("main")).toContainText("DEV-705");
  expect(await axeViolations(page), "sign-in page, DEV-705").toEqual([]);
  expect(await databaseNames(page)).not.toContain(`hearth-${userId}`);
});

test("online after being signed out from elsewhere, the first contact deletes the copy", async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(90_000);
  await signInAndSync(page);
  const userId = await page.evaluate(() => localStorage.getItem("hearth.lastUserId"));
  expect(await databaseNames(page)).toContain(`hearth-${userId}`);
  const sessionId = await thisSessionId(page);
  // This page must not be the one to hear it first: closed while the session is ended.
  await context.setOffline(true);
  await page.close();
  await signOutFromElsewhere(browser, sessionId);
  await context.setOffline(false);

  const again = await context.newPage();
  await again.goto("/");
  await expect(again).toHaveURL(/\/sign-in/);
  await expect(again.getByRole("main")).toContainText(text("en", "errors.AUTH-148.message"));
  await expect(again.getByRole("main")).toContainText("AUTH-148");
  expect(await databaseNames(again)).not.toContain(`hearth-${userId}`);
});

test("offline without a PIN, the sign-in page says DEV-703 and nothing is readable", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signInAndSync(page);
  const { strings, codes } = await recordStrings(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("main")).toContainText(text("en", "errors.DEV-703.message"));
  await expect(page.getByRole("main")).toContainText("DEV-703");
  const locked = await plainTextHits(page, strings);
  // The scan reads what is there: the plain index fields are found.
  expect((await plainTextHits(page, codes)).hits.length).toBeGreaterThan(0);
  console.log(
    `device lock, no PIN: ${locked.rows} IndexedDB rows, ${strings.length} record strings checked, ` +
      `${locked.hits.length} found in plain text`,
  );
  expect(locked.rows).toBeGreaterThan(50);
  expect(locked.hits).toEqual([]);
});

test("at 320 px the unlock page fits, and works from the keyboard alone", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await signInAndSync(page);
  await setDevicePin(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await context.setOffline(true);
  await page.reload();
  await expect(h1(page)).toHaveText(text("en", "lock.unlock.title"));
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);

  const field = page.getByLabel(text("en", "lock.unlock.pinLabel"), { exact: true });
  for (
    let tab = 0;
    tab < 30 && !(await field.evaluate((e) => e === document.activeElement));
    tab++
  ) {
    await page.keyboard.press("Tab");
  }
  await expect(field).toBeFocused();
  await page.keyboard.type(defaultPin);
  await page.keyboard.press("Tab");
  await expect(
    page.getByRole("button", { name: text("en", "lock.unlock.submit"), exact: true }),
  ).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/\/unlock/, { timeout: 20_000 });
  await expect(h1(page)).not.toHaveText(text("en", "lock.unlock.title"));
});

test("a passkey with PRF unlocks the copy offline (Chromium's virtual authenticator)", async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  // A platform authenticator with PRF (CTAP2.1 hmac-secret), as a phone's would be.
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      ctap2Version: "ctap2_1",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      hasPrf: true,
    },
  });
  await signInAndSync(page);
  await page.goto("/account");
  const passkeys = page.getByRole("region", { name: text("en", "security.passkeys.heading") });
  await passkeys.getByRole("button", { name: text("en", "security.passkeys.add") }).click();
  await expect(passkeys.getByText(text("en", "security.passkeys.neverUsed"))).toBeVisible();
  const lock = page.getByRole("region", { name: text("en", "lock.device.heading") });
  await lock.getByRole("button", { name: text("en", "lock.device.usePasskey") }).click();
  await expect(lock.getByText(text("en", "lock.device.passkeySaved"))).toBeVisible();
  await expect(lock.getByText(text("en", "lock.device.passkeySet"))).toBeVisible();
  // The account's passkey list is shared with other tests signed in as ana: the passkey goes
  // from the server again. The authenticator keeps it, and the unlock needs no server.
  await passkeys.getByRole("button", { name: text("en", "security.passkeys.remove") }).click();
  await expect(passkeys.getByText(text("en", "security.passkeys.none"))).toBeVisible();

  await page.goto("/record/results");
  await context.setOffline(true);
  await page.reload();
  await expect(page).toHaveURL(/\/unlock\?next=%2Frecord%2Fresults$/);
  await page.getByRole("button", { name: text("en", "lock.unlock.passkey") }).click();
  await expect(page).toHaveURL(/\/record\/results$/);
  await expect(page.locator("main table").first().locator("caption")).toContainText(
    "Hemoglobin A1c",
  );
});
