import { cleanup, fireEvent, screen, waitFor } from "@solidjs/testing-library";
import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { rememberLastUser } from "./local/device-user.ts";
import { forgetDataKey } from "./local/lock/data-key.ts";
import { saveProfile } from "./local/profile.ts";
import { session, startSession } from "./local/session.ts";
import { userDatabase } from "./local/user-database.ts";
import { expectNoAxeViolations } from "./test/axe.ts";
import { deviceKeyAnswers, openTestCopy } from "./test/device-copy.ts";
import { jsonAnswer, offline, stubNetwork } from "./test/network.ts";
import { openApp } from "./test/open-app.tsx";
import { ana } from "./test/people.ts";
import { row } from "./test/resource-row.ts";

const signedOutAnswer = () => jsonAnswer(401, { error: { code: "AUTH-102" } });

/** navigator.onLine false, and the 'offline' event, as a browser with no network gives. */
function browserOffline() {
  Object.defineProperty(navigator, "onLine", { configurable: true, get: () => false });
  window.dispatchEvent(new Event("offline"));
}

afterEach(async () => {
  forgetDataKey();
  // Unmounted first: the 'online' event below must not reach this test's sync engine.
  cleanup();
  if (Object.hasOwn(navigator, "onLine")) {
    delete (navigator as { onLine?: boolean }).onLine;
    // Back online, the session asks the server again: let that finish here, signed out, not
    // in the next test.
    stubNetwork({ ...deviceKeyAnswers(), "GET /api/me": signedOutAnswer });
    window.dispatchEvent(new Event("online"));
    await waitFor(() => expect(session().state).toBe("signed-out"));
  }
  vi.unstubAllGlobals();
  await Dexie.delete("hearth-u-ana");
});

describe("the app", () => {
  it("sends a signed-out visitor of / to sign-in, with the way back in `next`", async () => {
    stubNetwork({ "GET /api/me": signedOutAnswer });
    await startSession();
    const history = await openApp("/");
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    await waitFor(() => expect(history.get()).toBe("/sign-in?next=%2F"));
  });

  it("frames every page with a skip link, landmarks and one h1", async () => {
    stubNetwork({ "GET /api/me": signedOutAnswer });
    await startSession();
    await openApp("/help");
    await screen.findByRole("heading", { level: 1, name: "Help" });
    const skipLink = document.querySelector("a");
    expect(skipLink?.textContent).toBe("Skip to main content");
    expect(skipLink?.getAttribute("href")).toBe("#main-content");
    expect(document.querySelectorAll("header, nav, main, footer")).toHaveLength(4);
    expect(screen.getByRole("navigation").getAttribute("aria-label")).toBe("Main menu");
    expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
    expect(screen.getByRole("link", { name: "Help" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("status").getAttribute("aria-live")).toBe("polite");
  });

  it("moves focus to the new page's h1 on navigation", async () => {
    stubNetwork({ "GET /api/me": signedOutAnswer });
    await startSession();
    await openApp("/help");
    await screen.findByRole("heading", { level: 1, name: "Help" });
    fireEvent.click(screen.getByRole("link", { name: "Go to sign in" }));
    const heading = await screen.findByRole("heading", { level: 1, name: "Sign in" });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(heading.getAttribute("tabindex")).toBe("-1");
  });

  it("offline, shows the saved profile on the home page with the offline status", async () => {
    // Signed in earlier in this page, so the copy is open; then the network went.
    stubNetwork({ ...deviceKeyAnswers(), "GET /api/me": () => jsonAnswer(200, ana) });
    await startSession();
    stubNetwork({ "GET /api/me": offline });
    // The browser says so too: "Offline" is said only then (online, the server is out of reach).
    browserOffline();
    await startSession();
    await openApp("/");
    await screen.findByRole("heading", { level: 1, name: "Hello, Ana Rivera" });
    // The sync engine could not reach the server either, and nothing was synced before.
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        "Offline — no information is saved on this device yet",
      ),
    );
    expect(document.body.textContent).toContain("You are signed in as ana.");
    expect(document.body.textContent).toContain("Account type: Patient");
    expect(screen.getAllByRole("button", { name: "Sign out" }).length).toBeGreaterThan(0);
  });

  it("offline after a first sync cut off part-way, says it shows what arrived, not 'nothing saved'", async () => {
    rememberLastUser(ana.id);
    openTestCopy(ana.id);
    await saveProfile(ana);
    // A page of the record landed, then the server went away before the sync finished.
    const db = userDatabase(ana.id);
    await db.resources.put(
      row({ resourceType: "Observation" }, { id: "obs-1", patientId: "p-ana", status: "final" }),
    );
    await db.syncState.put({
      key: "sync",
      runsStarted: 1,
      lastCompletedRun: 0,
      lastError: "NET-601",
    });
    stubNetwork({ "GET /api/me": offline });
    browserOffline();
    await startSession();
    await openApp("/");
    await screen.findByRole("heading", { level: 1, name: "Hello, Ana Rivera" });
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        "Offline — showing the information saved so far; not all of it has arrived yet",
      ),
    );
    expect(document.body.textContent).not.toContain("no information is saved");
    // Said once in the live region too.
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(
        "Offline — showing the information saved so far; not all of it has arrived yet",
      ),
    );
  });

  it("online, greets the person, syncs, and says once that the information is up to date", async () => {
    const calls = stubNetwork({
      ...deviceKeyAnswers(),
      "GET /api/me": () => jsonAnswer(200, ana),
      "POST /api/sync/pull": () =>
        jsonAnswer(200, { protocol: 1, patients: [], rows: [], more: false }),
    });
    await startSession();
    await openApp("/");
    await screen.findByRole("heading", { level: 1, name: "Hello, Ana Rivera" });
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("Up to date"));
    expect(document.body.textContent).toMatch(/Last brought up to date: \d/);
    // What the device stores, kind by kind, is under Help, not on a patient's home page.
    const holdings = screen.getByRole("link", {
      name: "See how much of each kind of record this device stores",
    });
    expect(holdings.getAttribute("href")).toBe("/help/check#device-holdings");
    expect(calls.filter((call) => call.key === "POST /api/sync/pull")).toHaveLength(1);
    await expectNoAxeViolations();
  });

  it("shows the not-found page, with its code, for an unknown address", async () => {
    stubNetwork({ "GET /api/me": signedOutAnswer });
    await startSession();
    await openApp("/no/such/page");
    await screen.findByRole("heading", { level: 1, name: "Page not found" });
    expect(document.body.textContent).toContain("Error code REQ-304");
    await expectNoAxeViolations();
  });

  it("passes axe on the sign-in page, also with the error summary showing", async () => {
    stubNetwork({ "GET /api/me": signedOutAnswer });
    await startSession();
    await openApp("/sign-in");
    await screen.findByRole("heading", { level: 1, name: "Sign in" });
    await expectNoAxeViolations();
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("alert");
    await expectNoAxeViolations();
  });

  it("passes axe on the help page", async () => {
    stubNetwork({ "GET /api/me": signedOutAnswer });
    await startSession();
    await openApp("/help");
    await screen.findByRole("heading", { level: 1, name: "Help" });
    await expectNoAxeViolations();
  });
});
