import { fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { loadNamespaces } from "../../i18n/i18n.ts";
import { jsonAnswer, stubNetwork } from "../../test/network.ts";
import { IdentityChecklist } from "./identity-checklist.tsx";

const id = "00000000-0000-4000-8000-000000000001";
const path = `/api/support/accounts/${id}/verification`;

beforeAll(() => loadNamespaces(["support"]));
afterEach(() => {
  vi.unstubAllGlobals();
});

function renderChecklist(onVerified = vi.fn()) {
  render(() => (
    <IdentityChecklist
      kind="account"
      id={id}
      onFile={{ birthDate: true, postalCode: false, phone: true, email: false }}
      verifiedUntil={null}
      onVerified={onVerified}
    />
  ));
  return onVerified;
}

it("asks only for what is on file, and says what cannot be used", () => {
  renderChecklist();
  expect(screen.getByLabelText("Date of birth")).toBeTruthy();
  expect(screen.getByLabelText("Phone number")).toBeTruthy();
  expect(screen.queryByLabelText("Email address")).toBeNull();
  expect(
    screen.getByText(/Not on file: cannot be used: Postal code of their address, Email/),
  ).toBeTruthy();
});

it("wants a reason before asking the server, and keeps what was typed", async () => {
  const calls = stubNetwork({});
  renderChecklist();
  fireEvent.input(screen.getByLabelText("Date of birth"), { target: { value: "1978-04-12" } });
  fireEvent.submit(
    screen.getByRole("button", { name: "Check the answers" }).closest("form") as HTMLFormElement,
  );
  expect(await screen.findByRole("link", { name: "Say why you are checking" })).toBeTruthy();
  expect(calls).toHaveLength(0);
  expect((screen.getByLabelText("Date of birth") as HTMLInputElement).value).toBe("1978-04-12");
});

it("sends the answers and the reason; a mismatch shows its code, a pass opens the actions", async () => {
  let answer = jsonAnswer(422, { error: { code: "SUP-102" } });
  const calls = stubNetwork({ [`POST ${path}`]: () => answer });
  const onVerified = renderChecklist();
  fireEvent.input(screen.getByLabelText("Date of birth"), { target: { value: "1978-04-12" } });
  fireEvent.input(screen.getByLabelText("Phone number"), { target: { value: "555 0100" } });
  fireEvent.input(screen.getByLabelText("Why you are checking"), {
    target: { value: "Called in" },
  });
  const form = screen
    .getByRole("button", { name: "Check the answers" })
    .closest("form") as HTMLFormElement;
  fireEvent.submit(form);
  expect(await screen.findByText("Error code SUP-102")).toBeTruthy();
  expect(calls[0]?.body).toEqual({
    answers: { birthDate: "1978-04-12", postalCode: "", phone: "555 0100", email: "" },
    reason: "Called in",
  });
  expect(onVerified).not.toHaveBeenCalled();

  const until = "2026-01-05T09:30:00.000Z";
  answer = jsonAnswer(200, { passed: true, checks: {}, verifiedUntil: until });
  fireEvent.submit(form);
  await vi.waitFor(() => expect(onVerified).toHaveBeenCalledWith(until));
});
