import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadNamespaces } from "../../i18n/i18n.ts";
import { setSharedDevice } from "../../local/device-user.ts";
import { unlockMethods, unlockWithPin } from "../../local/lock/copy-lock.ts";
import { forgetDataKey } from "../../local/lock/data-key.ts";
import { signedIn } from "../../local/session.ts";
import { closeUserDatabase } from "../../local/user-database.ts";
import { expectNoAxeViolations } from "../../test/axe.ts";
import { deviceKeyAnswers } from "../../test/device-copy.ts";
import { stubNetwork } from "../../test/network.ts";
import { ana } from "../../test/people.ts";
import { announcement } from "../../ui/announce.ts";
import { DeviceLockSection } from "./device-lock-section.tsx";

beforeAll(() => loadNamespaces(["lock", "security"]));

beforeEach(async () => {
  // Rendered alone, without the account page (client/ui/page.tsx) that titles it.
  document.title = "Account – Hearth";
  // Signed in: the copy is open with the server's key, as on Account.
  stubNetwork(deviceKeyAnswers());
  await signedIn(ana);
});

afterEach(async () => {
  forgetDataKey();
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Dexie.delete("hearth-u-ana");
});

function typePins(pin: string, repeat: string) {
  fireEvent.input(screen.getByLabelText("New PIN"), { target: { value: pin } });
  fireEvent.input(screen.getByLabelText("Type the PIN again"), { target: { value: repeat } });
  fireEvent.click(screen.getByRole("button", { name: "Set PIN" }));
}

describe("Account's 'Unlock without the internet'", () => {
  it("on a shared device, says nothing is kept, so there is nothing to lock", async () => {
    setSharedDevice(true);
    render(() => <DeviceLockSection userId={ana.id} />);
    const section = screen.getByRole("region", { name: "Unlock without the internet" });
    expect(section.textContent).toContain(
      "This is a shared device: Hearth keeps nothing on it once your session is over, so there is nothing to lock.",
    );
    expect(screen.queryByLabelText("New PIN")).toBeNull();
    await expectNoAxeViolations();
  });

  it("sets a PIN: said in the live region and shown, and the copy then opens with it", async () => {
    render(() => <DeviceLockSection userId={ana.id} />);
    await screen.findByText(/No PIN is set for this device\./);
    expect(document.body.textContent).toContain("5 wrong PINs in a row delete the information");
    const field = screen.getByLabelText("New PIN") as HTMLInputElement;
    expect(field.type).toBe("password");
    expect(field.getAttribute("inputmode")).toBe("numeric");
    expect(field.getAttribute("autocomplete")).toBe("off");
    await expectNoAxeViolations();

    typePins("482916", "482916");
    const saved =
      "Your PIN is set. You can now unlock your saved record on this device without the internet.";
    await waitFor(() => expect(announcement()).toBe(saved));
    expect(document.body.textContent).toContain(saved);
    expect(document.body.textContent).toContain("A PIN is set for this device.");
    expect(document.activeElement?.id).toBe("device-lock-heading");
    expect((screen.getByLabelText("New PIN") as HTMLInputElement).value).toBe("");
    expect(await unlockMethods(ana.id)).toEqual(["pin"]);
    forgetDataKey(ana.id);
    expect(await unlockWithPin(ana.id, "482916")).toEqual({ outcome: "opened" });
    await expectNoAxeViolations();
  });

  it("refuses a PIN that is not 6 to 12 digits (DEV-707) and two PINs that differ (DEV-708)", async () => {
    render(() => <DeviceLockSection userId={ana.id} />);
    await screen.findByText(/No PIN is set for this device\./);
    typePins("1234", "1234");
    let alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("A PIN is 6 to 12 digits, with no letters or spaces.");
    expect(alert.textContent).toContain("Error code DEV-707");
    expect(screen.getByLabelText("New PIN").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(alert);

    typePins("482916", "482917");
    alert = await screen.findByRole("alert");
    await waitFor(() => expect(alert.textContent).toContain("The two PINs are not the same."));
    expect(alert.textContent).toContain("Error code DEV-708");
    expect(screen.getByLabelText("Type the PIN again").getAttribute("aria-invalid")).toBe("true");
    await expectNoAxeViolations();
    expect(await unlockMethods(ana.id)).toEqual([]);
  });

  it("removes the offline unlock, and says so", async () => {
    render(() => <DeviceLockSection userId={ana.id} />);
    await screen.findByText(/No PIN is set for this device\./);
    typePins("482916", "482916");
    await screen.findByText("A PIN is set for this device.");
    fireEvent.click(screen.getByRole("button", { name: "Remove offline unlock" }));
    const removed =
      "Offline unlock removed. Your saved record now opens only when you are online and signed in.";
    await waitFor(() => expect(announcement()).toBe(removed));
    expect(document.body.textContent).toContain("No PIN is set for this device.");
    expect(screen.queryByRole("button", { name: "Remove offline unlock" })).toBeNull();
    expect(await unlockMethods(ana.id)).toEqual([]);
  });
});
