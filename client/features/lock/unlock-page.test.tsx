import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setPin } from "../../local/lock/copy-lock.ts";
import { forgetDataKey } from "../../local/lock/data-key.ts";
import { usePasskeyToUnlock } from "../../local/lock/passkey-lock.ts";
import { session, startSession } from "../../local/session.ts";
import { closeUserDatabase } from "../../local/user-database.ts";
import { expectNoAxeViolations } from "../../test/axe.ts";
import { deviceKeyAnswers } from "../../test/device-copy.ts";
import { jsonAnswer, offline, stubNetwork } from "../../test/network.ts";
import { openApp } from "../../test/open-app.tsx";
import { ana } from "../../test/people.ts";

const pin = "482916";
let keys = deviceKeyAnswers();

/**
 * A passkey as the browser gives it: PRF answers each salt with an HMAC under the passkey's
 * own secret (CTAP2 hmac-secret), `secret` here; `refuse` is a cancelled prompt.
 */
function stubPasskey(secret: Uint8Array, refuse = false) {
  class FakeCredential {
    rawId = new Uint8Array([1, 2, 3, 4]).buffer;
    constructor(private output: ArrayBuffer) {}
    getClientExtensionResults() {
      return { prf: { results: { first: this.output } } };
    }
  }
  vi.stubGlobal("PublicKeyCredential", FakeCredential);
  const get = vi.fn(async (options: CredentialRequestOptions) => {
    if (refuse) throw new DOMException("cancelled", "NotAllowedError");
    const salt = options.publicKey?.extensions?.prf?.eval?.first as Uint8Array;
    const key = await crypto.subtle.importKey(
      "raw",
      secret as BufferSource,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    return new FakeCredential(await crypto.subtle.sign("HMAC", key, salt as BufferSource));
  });
  Object.defineProperty(navigator, "credentials", { configurable: true, value: { get } });
  return get;
}

/** Signed in earlier (the copy and its profile saved), a PIN set, then offline after a reload. */
async function lockedOffline(withPin = true, withPasskey?: Uint8Array) {
  stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(200, ana) });
  await startSession();
  if (withPin) await setPin(ana.id, pin);
  if (withPasskey) {
    stubPasskey(withPasskey);
    expect(await usePasskeyToUnlock(ana.id)).toBe(true);
  }
  forgetDataKey(ana.id);
  stubNetwork({ ...keys, "GET /api/me": offline });
  Object.defineProperty(navigator, "onLine", { configurable: true, get: () => false });
  window.dispatchEvent(new Event("offline"));
  await startSession();
}

const pinField = () => screen.getByLabelText("Device PIN") as HTMLInputElement;

function submitPin(typed: string) {
  fireEvent.input(pinField(), { target: { value: typed } });
  fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
}

beforeEach(() => {
  keys = deviceKeyAnswers();
});

afterEach(async () => {
  forgetDataKey();
  cleanup();
  if (Object.hasOwn(navigator, "onLine")) {
    delete (navigator as { onLine?: boolean }).onLine;
    // Back online the session asks again: let it end here, signed out, not in the next test.
    stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(session().state).toBe("signed-out"));
  }
  vi.unstubAllGlobals();
  delete (navigator as { credentials?: unknown }).credentials;
  closeUserDatabase();
  await Dexie.delete("hearth-u-ana");
});

describe("the unlock page", () => {
  it("is where a page that needs sign-in sends a locked copy, with the way back in `next`", async () => {
    await lockedOffline();
    expect(session()).toMatchObject({ state: "locked", userId: ana.id, methods: ["pin"] });
    const locked = openApp("/inbox");
    await screen.findByRole("heading", { level: 1, name: "Unlock your saved record" });
    await waitFor(() => expect(locked.get()).toBe("/unlock?next=%2Finbox"));
    expect(document.body.textContent).toContain(
      "You are offline. Enter your device PIN to read your saved record.",
    );
    const field = pinField();
    expect(field.type).toBe("password");
    expect(field.getAttribute("inputmode")).toBe("numeric");
    expect(field.getAttribute("autocomplete")).toBe("off");
    expect(screen.getByRole("link", { name: "Sign in instead" }).getAttribute("href")).toBe(
      "/sign-in?next=%2Finbox",
    );
    await expectNoAxeViolations();
  });

  it("says a wrong PIN with the tries left, as an alert, and puts the keyboard back in the field", async () => {
    await lockedOffline();
    openApp("/unlock?next=%2Fhelp");
    await screen.findByRole("heading", { level: 1, name: "Unlock your saved record" });
    submitPin("111111");
    const alert = await screen.findByRole("alert");
    await waitFor(() =>
      expect(alert.textContent).toContain(
        "That PIN is not right. 4 tries left before the information saved on this device is deleted.",
      ),
    );
    expect(alert.textContent).toContain("Error code DEV-704");
    expect(document.activeElement).toBe(pinField());
    expect(pinField().value).toBe("");
    expect(pinField().getAttribute("aria-invalid")).toBe("true");
    expect(document.title).toMatch(/^Error: /);
    await expectNoAxeViolations();

    submitPin("111112");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("3 tries left"));
    expect(document.activeElement).toBe(pinField());
  });

  it("refuses a PIN that is not 6 to 12 digits without trying it (DEV-707)", async () => {
    await lockedOffline();
    openApp("/unlock");
    await screen.findByRole("heading", { level: 1, name: "Unlock your saved record" });
    submitPin("12ab");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("A PIN is 6 to 12 digits, with no letters or spaces.");
    expect(alert.textContent).toContain("Error code DEV-707");
    expect(document.activeElement).toBe(pinField());
  });

  it("opens the copy with the right PIN and goes on to `next`", async () => {
    await lockedOffline();
    const history = openApp("/unlock?next=%2Fhelp");
    await screen.findByRole("heading", { level: 1, name: "Unlock your saved record" });
    submitPin(pin);
    await screen.findByRole("heading", { level: 1, name: "Help" });
    await waitFor(() => expect(history.get()).toBe("/help"));
    expect(session()).toMatchObject({ state: "signed-in", source: "device", me: ana });
  });

  it("after the fifth wrong PIN the copy is gone, and the sign-in page says why (DEV-705)", async () => {
    await lockedOffline();
    const history = openApp("/unlock");
    await screen.findByRole("heading", { level: 1, name: "Unlock your saved record" });
    for (let left = 4; left >= 1; left--) {
      submitPin("111111");
      await waitFor(() =>
        expect(screen.getByRole("alert").textContent).toContain(
          left === 1 ? "1 try left" : `${left} tries left`,
        ),
      );
    }
    submitPin("111111");
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    await waitFor(() => expect(history.get()).toBe("/sign-in"));
    expect(document.body.textContent).toContain(
      "The PIN was wrong 5 times in a row, so the health information saved on this device has been deleted.",
    );
    expect(document.body.textContent).toContain("Error code DEV-705");
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "The PIN was wrong 5 times in a row, so the health information saved on this device has been deleted.",
      ),
    );
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    await expectNoAxeViolations();
  });

  it("offline with a copy and no PIN, the sign-in page says it is locked (DEV-703)", async () => {
    await lockedOffline(false);
    expect(session()).toEqual({ state: "signed-out", problem: "DEV-703" });
    const history = openApp("/unlock");
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    await waitFor(() => expect(history.get()).toBe("/sign-in"));
    expect(document.body.textContent).toContain(
      "Your health information saved on this device is locked, and there is no connection to open it.",
    );
    expect(document.body.textContent).toContain("Error code DEV-703");
  });

  it("opens the copy with the passkey it was set with, and says DEV-706 for any other", async () => {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    await lockedOffline(false, secret);
    expect(session()).toMatchObject({ state: "locked", methods: ["passkey"] });
    const history = openApp("/unlock?next=%2Fhelp");
    await screen.findByRole("heading", { level: 1, name: "Unlock your saved record" });
    expect(screen.queryByLabelText("Device PIN")).toBeNull();

    // Another passkey's secret, then a cancelled prompt: the copy stays locked.
    stubPasskey(crypto.getRandomValues(new Uint8Array(32)));
    fireEvent.click(screen.getByRole("button", { name: "Unlock with a passkey" }));
    const alert = await screen.findByRole("alert");
    await waitFor(() =>
      expect(alert.textContent).toContain(
        "The passkey could not unlock the information saved on this device.",
      ),
    );
    expect(alert.textContent).toContain("Error code DEV-706");
    stubPasskey(secret, true);
    fireEvent.click(screen.getByRole("button", { name: "Unlock with a passkey" }));
    await waitFor(() => expect(session().state).toBe("locked"));

    const get = stubPasskey(secret);
    fireEvent.click(screen.getByRole("button", { name: "Unlock with a passkey" }));
    await screen.findByRole("heading", { level: 1, name: "Help" });
    await waitFor(() => expect(history.get()).toBe("/help"));
    expect(get.mock.calls[0]?.[0].publicKey?.allowCredentials?.length).toBe(1);
  });

  it("signed in, has nothing to unlock and goes on to `next`", async () => {
    stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(200, ana) });
    await startSession();
    const history = openApp("/unlock?next=%2Fhelp");
    await screen.findByRole("heading", { level: 1, name: "Help" });
    await waitFor(() => expect(history.get()).toBe("/help"));
  });
});
