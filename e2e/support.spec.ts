import { type APIRequestContext, expect, type Locator, type Page, test } from "@playwright/test";
import { diagnosticCodePattern } from "../shared/contracts/help.ts";
import { directionOf, type Locale } from "../shared/locales/index.ts";
import { axeViolations } from "./support/axe.ts";
import { tabTo } from "./support/keyboard.ts";
import { locales, text, wordsOf } from "./support/locales.ts";
import { demoPassword } from "./support/sign-in.ts";

/** A word of the support console (namespace `support`), as the page shows it. */
const words = wordsOf("support");

async function typeInto(page: Page, field: Locator, value: string) {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(value);
}

async function activate(page: Page, target: Locator) {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

async function axeClean(page: Page, what: string) {
  expect(await axeViolations(page), what).toEqual([]);
}

/**
 * Sends "Ask for help" as the form would, waiting out the per-address limit (REQ-306) that
 * the other tests sending requests from this machine may have used up.
 */
async function sendHelpRequest(request: APIRequestContext, body: Record<string, string>) {
  const origin = new URL(test.info().project.use.baseURL ?? "").origin;
  for (let tries = 0; ; tries++) {
    const res = await request.post("/api/help-requests", { data: body, headers: { origin } });
    if (res.status() !== 429 || tries > 20) return res;
    const wait = ((await res.json()) as { error: { retryAfterSeconds: number } }).error;
    await new Promise((resolve) => setTimeout(resolve, wait.retryAfterSeconds * 1000));
  }
}

const h1 = (page: Page) => page.getByRole("heading", { level: 1 });

/** A word of the forgotten-password pages (namespace `access`). */
const access = (key: string) => text("en", `access.${key}`);

async function signInByKeyboard(page: Page, username: string, password: string, locale = "en") {
  await page.goto("/sign-in");
  await typeInto(page, page.getByLabel(text(locale, "signIn.username.label")), username);
  await typeInto(
    page,
    page.getByLabel(text(locale, "signIn.password.label"), { exact: true }),
    password,
  );
  await page.keyboard.press("Enter");
}

/**
 * Help and support end to end (ADRs 14 and 20): a patient who cannot sign in gets help from the
 * sign-in page, checks their device and asks for help; support (`sam`, in a second browser) finds
 * the request, opens the diagnosis, verifies who is calling and sends a reset code to the contacts
 * on file, seeing only where it went (docs/security.md); the patient reads it in their own mailbox
 * and chooses a new password. Keyboard only, and axe-clean on every page. `noah` is the demo
 * patient kept for this story: nothing else signs in as him.
 */
test("a locked-out patient is helped by support with a reset code sent to their own email", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const patientContext = await browser.newContext();
  const staffContext = await browser.newContext();
  const patient = await patientContext.newPage();
  const staff = await staffContext.newPage();

  // The patient cannot sign in…
  await signInByKeyboard(patient, "noah", "what was it again");
  await expect(
    patient.getByText(text("en", "errorCode.label", { code: "AUTH-101" })),
  ).toBeVisible();
  // …opens help from the sign-in page, and checks the device.
  await activate(patient, patient.getByRole("link", { name: text("en", "signIn.trouble") }));
  await expect(h1(patient)).toHaveText(text("en", "help.title"));
  await axeClean(patient, "help");
  await activate(patient, patient.getByRole("link", { name: text("en", "help.checkLink") }));
  await expect(h1(patient)).toHaveText(text("en", "help.check.title"));
  await activate(patient, patient.getByRole("button", { name: text("en", "help.check.run") }));
  const codeText = patient.getByTestId("diagnostic-code");
  await expect(codeText).toHaveText(diagnosticCodePattern);
  const code = ((await codeText.textContent()) ?? "").trim();
  await axeClean(patient, "check my device");
  await activate(
    patient,
    patient.getByRole("link", { name: text("en", "help.check.askWithCode") }),
  );
  await expect(patient.getByLabel(text("en", "help.ask.code.label"))).toHaveValue(code);
  await typeInto(patient, patient.getByLabel(text("en", "help.ask.name.label")), "Noah Clarke");
  await typeInto(
    patient,
    patient.getByLabel(text("en", "help.ask.contact.label")),
    "noah@example.org",
  );
  await typeInto(
    patient,
    patient.getByLabel(text("en", "help.ask.message.label")),
    "I cannot sign in: my password is not accepted.",
  );
  await activate(patient, patient.getByRole("button", { name: text("en", "help.ask.submit") }));
  await expect(
    patient.getByRole("heading", { name: text("en", "help.ask.sentTitle") }),
  ).toBeFocused();
  await axeClean(patient, "help request sent");

  // Support finds the request in the queue.
  await signInByKeyboard(staff, "sam", demoPassword);
  await expect(staff).toHaveURL(/\/$/);
  await activate(staff, staff.getByRole("link", { name: text("en", "layout.support") }));
  await expect(h1(staff)).toHaveText(words("en", "title"));
  await axeClean(staff, "support queue");
  const request = staff.getByRole("link", { name: /^Noah Clarke — / }).first();
  await activate(staff, request);
  await expect(h1(staff)).toHaveText(/^Help request /);
  // The diagnosis, from the code the patient was given.
  await expect(
    staff.getByRole("heading", { name: words("en", "report.heading", { code }) }),
  ).toBeVisible();
  await expect(staff.getByRole("heading", { name: /^Script: / })).toBeVisible();
  await axeClean(staff, "help request");

  // The search is filled in with how the patient asked to be reached.
  await expect(staff.getByLabel(words("en", "search.q"), { exact: true })).toHaveValue(
    "noah@example.org",
  );
  await activate(staff, staff.getByRole("button", { name: words("en", "search.find") }).first());
  await activate(staff, staff.getByRole("link", { name: "Noah Clarke (noah)" }));
  await expect(h1(staff)).toHaveText(words("en", "person.title", { name: "Noah Clarke" }));
  await expect(staff.getByText("AUTH-101").first()).toBeVisible();
  await axeClean(staff, "account");

  // Identity first: the actions are not offered until the checklist has passed.
  await expect(staff.getByText(words("en", "verify.needed"))).toBeVisible();
  await typeInto(staff, staff.getByLabel(words("en", "verify.email")), "noah@example.org");
  await typeInto(staff, staff.getByLabel(words("en", "verify.phone")), "+1 555 010 0987");
  await typeInto(
    staff,
    staff.getByLabel(words("en", "verify.reason")),
    `Help request, diagnostic code ${code}`,
  );
  await activate(staff, staff.getByRole("button", { name: words("en", "verify.submit") }));
  // Shown in the checklist, and said by the live region (both hold the same words).
  await expect(staff.locator("p").filter({ hasText: /^Identity confirmed\./ })).toBeVisible();
  await expect(staff.getByRole("status")).toHaveText(/^Identity confirmed\./);
  await axeClean(staff, "identity confirmed");

  // Staff send a reset code to the contacts on file; they are told only where it went.
  const choice = staff.getByRole("radio", { name: words("en", "actions.send-reset") });
  await tabTo(staff, choice);
  await staff.keyboard.press("Space");
  await expect(choice).toBeChecked();
  await typeInto(staff, staff.getByLabel(words("en", "actions.reason")), "Forgot password");
  await activate(staff, staff.getByRole("button", { name: words("en", "actions.submit") }));
  const sentTo = words("en", "actions.sentTo", { to: "n•••@example.org and •••• 0987" });
  await expect(staff.locator("p").filter({ hasText: sentTo })).toBeVisible();
  await expect(staff.getByRole("status")).toContainText(sentTo);
  await expect(staff.getByText(/\b\d{6}\b/)).toHaveCount(0);
  await axeClean(staff, "reset code sent");

  // The patient reads the code in their own mailbox and resets on the forgotten-password page.
  const origin = new URL(test.info().project.use.baseURL ?? "").origin;
  let resetCode = "";
  await expect
    .poll(async () => {
      const res = await patient.request.get("/api/dev/outbox?to=noah%40example.org", {
        headers: { origin },
      });
      const { messages } = (await res.json()) as { messages: { subject: string; body: string }[] };
      const found = messages.find(
        (m) => m.subject === text("en", "messages.passwordResetCode.subject"),
      );
      resetCode = /\b(\d{6})\b/.exec(found?.body ?? "")?.[1] ?? "";
      return resetCode;
    })
    .toMatch(/^\d{6}$/);
  await patient.goto("/forgot-password");
  await typeInto(patient, patient.getByLabel(access("forgotPassword.username.label")), "noah");
  await patient.keyboard.press("Enter");
  await expect(
    patient.getByRole("heading", { level: 1, name: access("forgotPassword.codeTitle") }),
  ).toBeFocused();
  await typeInto(patient, patient.getByLabel(access("forgotPassword.code.label")), resetCode);
  await patient.keyboard.press("Tab");
  await patient.keyboard.type("a lantern by the quiet river");
  await patient.keyboard.press("Enter");
  await expect(
    patient.getByRole("heading", { level: 1, name: access("forgotPassword.doneTitle") }),
  ).toBeFocused();
  await axeClean(patient, "password reset");
  await signInByKeyboard(patient, "noah", "a lantern by the quiet river");
  await expect(patient).toHaveURL(/\/$/);
  await expect(h1(patient)).toHaveText(text("en", "home.greeting", { name: "Noah Clarke" }));

  await patientContext.close();
  await staffContext.close();
});

test("patients are refused the console, on the page and by the server", async ({ page }) => {
  await signInByKeyboard(page, "kai", demoPassword);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: text("en", "layout.support") })).toHaveCount(0);
  await page.goto("/support");
  await expect(page.getByText(words("en", "notForYou"))).toBeVisible();
  const status = await page.evaluate(async () => (await fetch("/api/support/requests")).status);
  expect(status).toBe(403);
});

// The console's pages in every language: axe-clean, translated, and in the right direction.
for (const locale of locales as readonly Locale[]) {
  test.describe(`the support console in ${locale}`, () => {
    test.use({ locale });

    test("queue, request and account pages are axe-clean", async ({ page, request }) => {
      const saved = await sendHelpRequest(request, {
        name: "Ana Rivera",
        contact: "+1 555 0100 999",
        message: "البريد لا يصل — 邮件没有到 — <b>help</b>",
        diagnosticCode: "",
        locale,
      });
      const { reference } = (await saved.json()) as { reference: string };

      await signInByKeyboard(page, "sam", demoPassword, locale);
      await expect(page).toHaveURL(/\/$/);
      await page.goto("/support");
      await expect(page.locator("html")).toHaveAttribute("dir", directionOf(locale));
      await expect(h1(page)).toHaveText(words(locale, "title"));
      await axeClean(page, `queue (${locale})`);

      await page.goto(`/support/requests/${reference}`);
      await expect(h1(page)).toHaveText(words(locale, "request.title", { reference }));
      // What a person typed is shown as text, never as markup.
      await expect(page.getByText("<b>help</b>", { exact: false })).toBeVisible();
      await axeClean(page, `request (${locale})`);

      await activate(
        page,
        page.getByRole("button", { name: words(locale, "search.find") }).first(),
      );
      await expect(page.locator(":focus")).toContainText(text(locale, "errorSummary.title"));
      await axeClean(page, `search error (${locale})`);
      await typeInto(page, page.getByLabel(words(locale, "search.q"), { exact: true }), "ana");
      await activate(
        page,
        page.getByRole("button", { name: words(locale, "search.find") }).first(),
      );
      await activate(page, page.getByRole("link", { name: "Ana Rivera (ana)" }));
      await expect(h1(page)).toHaveText(words(locale, "person.title", { name: "Ana Rivera" }));
      await axeClean(page, `account (${locale})`);

      // The checklist's own validation (no reason given) is caught before anything is sent.
      await activate(page, page.getByRole("button", { name: words(locale, "verify.submit") }));
      await expect(page.locator(":focus")).toContainText(text(locale, "errorSummary.title"));
      await axeClean(page, `checklist error (${locale})`);
    });
  });
}
