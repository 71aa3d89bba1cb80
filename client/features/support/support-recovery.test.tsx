import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import type { IdentityCheck } from "../../../shared/contracts/support.ts";
import { loadNamespaces } from "../../i18n/i18n.ts";
import { jsonAnswer, stubNetwork } from "../../test/network.ts";
import { announcement } from "../../ui/announce.ts";
import { AccountActionsForm } from "./account-actions-form.tsx";
import { IdentityCheckForm } from "./identity-check-form.tsx";
import { PendingChecks } from "./pending-checks.tsx";

/**
 * Support recovery on the console (docs/security.md): a code is never shown, only where it went; an
 * identity check is recorded for a colleague to decide; the colleague approves or declines. What a
 * screen reader hears after each step is the live region's text.
 */
const id = "00000000-0000-4000-8000-000000000001";
const checkId = "00000000-0000-4000-8000-0000000000c1";

beforeAll(() => loadNamespaces(["support"]));
afterEach(() => {
  vi.unstubAllGlobals();
});

const submitOf = (name: string) =>
  screen.getByRole("button", { name }).closest("form") as HTMLFormElement;

it("sends a reset code to the contact on file and says only where it went", async () => {
  const calls = stubNetwork({
    [`POST /api/support/accounts/${id}/actions/send-reset`]: () =>
      jsonAnswer(200, {
        action: "send-reset",
        notified: "email",
        sentTo: [
          { channel: "email", to: "n•••@example.org" },
          { channel: "sms", to: "•••• 0987" },
        ],
      }),
  });
  render(() => <AccountActionsForm kind="account" id={id} onDone={() => {}} />);
  // Nothing on offer hands a secret to staff.
  expect(screen.queryByLabelText(/temporary password/i)).toBeNull();
  expect(screen.queryByLabelText(/two-step/i)).toBeNull();
  fireEvent.click(screen.getByLabelText("Send a password reset code to the contact on file"));
  fireEvent.input(screen.getByLabelText("Reason"), { target: { value: "Forgot password" } });
  fireEvent.submit(submitOf("Do this now"));
  const said =
    "Done: Send a password reset code to the contact on file. The code went to n•••@example.org and •••• 0987. Ask the person to read it from there: never ask them to tell it to you.";
  await waitFor(() => expect(announcement()).toBe(said));
  expect(calls[0]?.body).toEqual({ reason: "Forgot password" });
  expect(screen.getByText(/The code went to n•••@example.org and •••• 0987/)).toBeTruthy();
  expect(document.activeElement?.tagName).toBe("H3");
});

it("shows SUP-110 when nothing is on file to send to", async () => {
  stubNetwork({
    [`POST /api/support/accounts/${id}/actions/send-reset`]: () =>
      jsonAnswer(409, { error: { code: "SUP-110" } }),
  });
  render(() => <AccountActionsForm kind="account" id={id} onDone={() => {}} />);
  fireEvent.click(screen.getByLabelText("Send a password reset code to the contact on file"));
  fireEvent.input(screen.getByLabelText("Reason"), { target: { value: "Forgot password" } });
  fireEvent.submit(submitOf("Do this now"));
  expect(await screen.findByText("Error code SUP-110")).toBeTruthy();
});

it("records an identity check for a colleague to approve, after asking for every part", async () => {
  const calls = stubNetwork({
    [`POST /api/support/accounts/${id}/identity-checks`]: () =>
      jsonAnswer(201, { id: checkId, status: "pending" }),
  });
  render(() => <IdentityCheckForm id={id} />);
  const form = submitOf("Ask a colleague to approve");
  fireEvent.submit(form);
  expect(await screen.findByRole("link", { name: "Choose how you saw the person" })).toBeTruthy();
  expect(screen.getByRole("link", { name: "Enter the new contact" })).toBeTruthy();
  expect(calls).toHaveLength(0);

  fireEvent.click(screen.getByLabelText("On a video call"));
  fireEvent.input(screen.getByLabelText("Document seen"), {
    target: { value: "Passport, photo matches" },
  });
  fireEvent.click(screen.getByLabelText("Text messages"));
  fireEvent.input(screen.getByLabelText("The new address or number"), {
    target: { value: "+1 555 010 7777" },
  });
  fireEvent.click(screen.getByLabelText(/Also turn off two-step sign-in/));
  fireEvent.input(screen.getByLabelText("Why this check is needed"), {
    target: { value: "Lost both" },
  });
  fireEvent.submit(form);
  const said =
    "Identity check recorded. Another member of support staff must approve it before anything changes.";
  await waitFor(() => expect(announcement()).toBe(said));
  expect(calls[0]?.body).toEqual({
    kind: "video",
    document: "Passport, photo matches",
    contact: { channel: "sms", phone: "+1 555 010 7777" },
    removeSecondStep: true,
    reason: "Lost both",
  });
  expect(screen.getByRole("heading", { name: said })).toBe(document.activeElement);
});

const check = (overrides: Partial<IdentityCheck>): IdentityCheck => ({
  id: checkId,
  person: { kind: "account", id, displayName: "Rosa Mendes", username: "rosa" },
  kind: "in-person",
  document: "Driving licence",
  reason: "Lost both",
  newContact: { channel: "email", to: "r•••@example.org" },
  removeSecondStep: false,
  status: "pending",
  requestedBy: "Sam Okafor",
  mine: false,
  createdAt: "2026-01-05T09:30:00.000Z",
  ...overrides,
});

it("lets a second member of staff approve, and says where the code went and who was told", async () => {
  let checks = [check({})];
  const calls = stubNetwork({
    "GET /api/support/identity-checks": () => jsonAnswer(200, { checks }),
    [`POST /api/support/identity-checks/${checkId}/decision`]: () => {
      checks = [];
      return jsonAnswer(200, {
        status: "approved",
        sentTo: [{ channel: "email", to: "r•••@example.org" }],
        told: [
          { channel: "email", to: "r•••@example.org" },
          { channel: "sms", to: "•••• 0123" },
        ],
      });
    },
  });
  render(() => <PendingChecks />);
  expect(
    await screen.findByRole("heading", {
      name: "Rosa Mendes: In person, recorded by Sam Okafor",
    }),
  ).toBeTruthy();
  expect(screen.getByText("New contact: r•••@example.org")).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Approve" }));
  expect(await screen.findByRole("link", { name: "Give a reason for your decision" })).toBeTruthy();
  fireEvent.input(screen.getByLabelText("Reason for your decision"), {
    target: { value: "Checked the licence" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Approve" }));
  const said =
    "Approved. A reset code went to r•••@example.org; the old contacts were told: r•••@example.org and •••• 0123.";
  await waitFor(() => expect(announcement()).toBe(said));
  expect(calls.find((c) => c.key.startsWith("POST"))?.body).toEqual({
    approve: true,
    reason: "Checked the licence",
  });
  expect(await screen.findByText("No identity checks are waiting.")).toBeTruthy();
});

it("offers no decision on a check its reader recorded, and shows SUP-108 if refused", async () => {
  stubNetwork({
    "GET /api/support/identity-checks": () =>
      jsonAnswer(200, {
        checks: [check({ mine: true }), check({ id: `${checkId.slice(0, -2)}c2` })],
      }),
    [`POST /api/support/identity-checks/${checkId.slice(0, -2)}c2/decision`]: () =>
      jsonAnswer(403, { error: { code: "SUP-108" } }),
  });
  render(() => <PendingChecks />);
  expect(
    await screen.findByText("You recorded this check: another member of staff must decide it."),
  ).toBeTruthy();
  // One pair of buttons: the other check's.
  expect(screen.getAllByRole("button", { name: "Decline" })).toHaveLength(1);
  fireEvent.input(screen.getByLabelText("Reason for your decision"), {
    target: { value: "Photo did not match" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Decline" }));
  expect(await screen.findByText("Error code SUP-108")).toBeTruthy();
});
