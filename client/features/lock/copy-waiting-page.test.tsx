import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetDataKey } from "../../local/lock/data-key.ts";
import { session, signedIn } from "../../local/session.ts";
import { closeUserDatabase } from "../../local/user-database.ts";
import { expectNoAxeViolations } from "../../test/axe.ts";
import { deviceKeyAnswers } from "../../test/device-copy.ts";
import { offline, stubNetwork } from "../../test/network.ts";
import { openApp } from "../../test/open-app.tsx";
import { ana } from "../../test/people.ts";
import { announcement } from "../../ui/announce.ts";

const title = "Opening your saved information";
let keys = deviceKeyAnswers();
const keyOffline = { "POST /api/device-keys": offline, "POST /api/device-keys/open": offline };

afterEach(async () => {
  cleanup();
  forgetDataKey();
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Dexie.delete("hearth-u-ana");
});

/** Signed in, with the copy saved earlier; this time the network went before its key came. */
async function waitingForKey() {
  keys = deviceKeyAnswers();
  stubNetwork(keys);
  await signedIn(ana);
  forgetDataKey(ana.id);
  closeUserDatabase();
  stubNetwork(keyOffline);
  await signedIn(ana);
  expect(session()).toMatchObject({ state: "signed-in", copyWaiting: true });
}

describe("the page shown while the device copy waits for its key", () => {
  it("stands in for the page asked for, says why with its code, and is axe-clean", async () => {
    await waitingForKey();
    const history = openApp("/inbox");
    await screen.findByRole("heading", { level: 1, name: title });
    expect(history.get()).toBe("/inbox");
    expect(document.body.textContent).toContain(
      "Hearth needs to reach the clinic's server once to open the information saved on this device for you.",
    );
    expect(document.body.textContent).toContain("Error code NET-601");
    // Nothing of the copy is opened meanwhile: no sync, no page of the record.
    expect(screen.queryByRole("heading", { name: "Messages" })).toBeNull();
    await expectNoAxeViolations();
  });

  it("Try again now: still no answer is said to screen readers; an answer opens the page asked for", async () => {
    await waitingForKey();
    openApp("/inbox");
    await screen.findByRole("heading", { level: 1, name: title });
    const retry = screen.getByRole("button", { name: "Try again now" });
    fireEvent.click(retry);
    await waitFor(() =>
      expect(announcement()).toBe("Hearth still cannot reach the server. It will keep trying."),
    );
    expect(screen.getByRole("heading", { level: 1, name: title })).toBeTruthy();

    stubNetwork(keys);
    fireEvent.click(screen.getByRole("button", { name: "Try again now" }));
    // The page asked for takes this one's place, and its heading the focus.
    const inbox = await screen.findByRole("heading", { level: 1, name: "Messages" });
    await waitFor(() => expect(document.activeElement).toBe(inbox));
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "server" });
  });
});
