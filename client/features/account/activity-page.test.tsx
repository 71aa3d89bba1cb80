import { MemoryRouter, Route } from "@solidjs/router";
import { render, screen, waitFor, within } from "@solidjs/testing-library";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { AccountActivity } from "../../../shared/contracts/account.ts";
import { loadNamespaces } from "../../i18n/i18n.ts";
import { jsonAnswer, offline, stubNetwork } from "../../test/network.ts";
import ActivityPage from "./activity-page.tsx";

beforeAll(() => loadNamespaces(["security"]));
afterEach(() => vi.unstubAllGlobals());

function renderPage() {
  render(() => (
    <MemoryRouter>
      <Route path="/" component={ActivityPage} />
    </MemoryRouter>
  ));
}

const activity: AccountActivity = {
  signIns: [],
  recordViews: [
    {
      at: "2026-11-30T15:00:00Z",
      who: "Dr. Jordan Lee",
      role: "clinician",
      action: "messages",
      basis: "care-team",
    },
    {
      at: "2026-11-29T10:00:00Z",
      who: "Dr. Jordan Lee",
      role: "clinician",
      action: "appointments",
      basis: "care-team",
    },
    {
      at: "2026-11-28T09:00:00Z",
      who: "Sam Okafor",
      role: "support",
      action: "account",
      basis: "support-request",
    },
  ],
};

describe("recent activity", () => {
  it("shows who else opened the messages, appointments and account, when and why", async () => {
    stubNetwork({ "GET /api/account/activity": () => jsonAnswer(200, activity) });
    renderPage();
    const table = await screen.findByRole("table", {
      name: "Who opened your record, messages, appointments or account",
    });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["When", "Who", "What", "Why"]);
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) =>
        within(row)
          .getAllByRole("cell")
          .slice(1)
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ["Dr. Jordan Lee (Clinician)", "Opened your messages", "Your care team"],
      ["Dr. Jordan Lee (Clinician)", "Saw your appointments", "Your care team"],
      ["Sam Okafor (Support staff)", "Opened your account", "Support request"],
    ]);
    // Each row says when, as a date a person reads.
    for (const row of within(table).getAllByRole("row").slice(1)) {
      expect(within(row).getAllByRole("cell")[0]?.textContent).toMatch(/2026/);
    }
  });

  it("says so when nobody else opened anything", async () => {
    stubNetwork({
      "GET /api/account/activity": () => jsonAnswer(200, { signIns: [], recordViews: [] }),
    });
    renderPage();
    expect(
      await screen.findByText(
        "Nobody other than you has opened your record, messages, appointments or account in the last 90 days.",
      ),
    ).toBeTruthy();
  });

  it("shows the problem, not an empty list, when the network is gone", async () => {
    stubNetwork({ "GET /api/account/activity": offline });
    renderPage();
    await waitFor(() => expect(document.querySelector(".status-banner--error")).not.toBeNull());
    expect(screen.queryByRole("table")).toBeNull();
  });
});
