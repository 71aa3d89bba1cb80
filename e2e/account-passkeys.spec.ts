import { expect, test } from "@playwright/test";
import { axeViolations } from "./support/axe.ts";
import { text, wordsOf } from "./support/locales.ts";
import { signIn } from "./support/sign-in.ts";

const security = wordsOf("security");
const words = (key: string, values: Record<string, string> = {}) => security("en", key, values);

test("registers a passkey from /account, signs in with it alone, and removes it", async ({
  page,
}) => {
  test.setTimeout(90_000);
  // Chromium's virtual authenticator (DevTools Protocol, WebAuthn domain): a platform
  // authenticator with resident keys that verifies its user, as a phone's would.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });

  await signIn(page, "ana");
  await page
    .getByRole("navigation")
    .getByRole("link", { name: text("en", "layout.account") })
    .click();
  const section = page.getByRole("region", { name: words("passkeys.heading") });
  await expect(section.getByText(words("passkeys.none"))).toBeVisible();
  await section.getByRole("button", { name: words("passkeys.add") }).click();
  await expect(section.getByText(words("passkeys.neverUsed"))).toBeVisible();
  await expect(page.getByRole("heading", { name: words("passkeys.heading") })).toBeFocused();
  expect(await axeViolations(page), "account page with a passkey").toEqual([]);
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]?.isResidentCredential).toBe(true);

  // Sign out, then back in with the passkey: no username, no password, no second step.
  await page
    .getByRole("banner")
    .getByRole("button", { name: text("en", "signOut.button") })
    .click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByRole("link", { name: text("en", "layout.passkeySignIn") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(words("passkeys.signIn"));
  expect(await axeViolations(page), "passkey sign-in page").toEqual([]);
  await page.getByRole("button", { name: words("passkeys.signIn") }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await page.evaluate(async () => (await fetch("/api/me")).status)).toBe(200);
  const after = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(after.credentials[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);

  // Recent activity names the passkey sign-in.
  await page.goto("/account/activity");
  const signIns = page.getByRole("table", { name: words("activity.signIns") });
  await expect(
    signIns.getByRole("row").filter({ hasText: words("activity.methods.passkey") }),
  ).toHaveCount(1);

  // Remove it: a passkey sign-in is itself a recent proof, so no password is asked for.
  await page.goto("/account");
  await section.getByText(words("passkeys.lastUsed", { time: "" }).trim()).waitFor();
  await section.getByRole("button", { name: words("passkeys.remove") }).click();
  await expect(section.getByText(words("passkeys.none"))).toBeVisible();

  // The authenticator still holds it, but the server no longer knows it.
  await page
    .getByRole("banner")
    .getByRole("button", { name: text("en", "signOut.button") })
    .click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/sign-in/passkey");
  await page.getByRole("button", { name: words("passkeys.signIn") }).click();
  await expect(page.locator(".error-summary")).toContainText("AUTH-143");
});

test("a cancelled passkey prompt is explained, and the password still works", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  // An authenticator that holds nothing and whose user never confirms: the prompt fails.
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: false,
      automaticPresenceSimulation: true,
    },
  });
  await page.goto("/sign-in/passkey");
  await page.getByRole("button", { name: words("passkeys.signIn") }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  await expect(page.locator(".error-summary")).toContainText("AUTH-145");
  expect(await axeViolations(page), "passkey sign-in with an error").toEqual([]);
});
