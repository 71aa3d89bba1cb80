import { createMemoryHistory, MemoryRouter } from "@solidjs/router";
import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import axe from "axe-core";
import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../shared/contracts/me.ts";
import { AppRoutes } from "./app.tsx";
import { AppShell } from "./app-shell.tsx";
import { rememberLastUser } from "./local/device-user.ts";
import { saveProfile } from "./local/profile.ts";
import { startSession } from "./local/session.ts";
import { jsonAnswer, offline, stubNetwork } from "./test/network.ts";

const ana: Me = {
  id: "u-ana",
  username: "ana",
  displayName: "Ana Rivera",
  role: "patient",
  locale: "en",
};
const signedOutAnswer = () => jsonAnswer(401, { error: { code: "AUTH-102" } });

async function openApp(location: string) {
  const history = createMemoryHistory();
  history.set({ value: location, replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history} root={AppShell}>
      <AppRoutes />
    </MemoryRouter>
  ));
  return history;
}

/** axe-core on the whole document; jsdom cannot compute colours, so contrast is left to e2e. */
async function expectNoAxeViolations() {
  const results = await axe.run(document.documentElement, {
    rules: { "color-contrast": { enabled: false } },
  });
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`),
  ).toEqual([]);
}

afterEach(async () => {
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
    await saveProfile(ana);
    rememberLastUser(ana.id);
    stubNetwork({ "GET /api/me": offline });
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

  it("online, greets the person, syncs, and says once that the information is up to date", async () => {
    const calls = stubNetwork({
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
