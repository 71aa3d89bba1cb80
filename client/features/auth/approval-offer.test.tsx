import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import { jsonAnswer, stubNetwork } from "../../test/network.ts";
import SecondStepPage from "./second-step-page.tsx";

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderSecondStep() {
  const history = createMemoryHistory();
  history.set({ value: "/sign-in/second-step", replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="/sign-in/second-step" component={SecondStepPage} />
    </MemoryRouter>
  ));
}

it("offers approval from a signed-in device, then shows the number to pick there", async () => {
  const calls = stubNetwork({
    "GET /api/auth/second-step": () => jsonAnswer(200, { methods: ["totp"] }),
    "GET /api/auth/second-step/approval": () => jsonAnswer(200, { state: "none", available: true }),
    "POST /api/auth/second-step/approval": () =>
      jsonAnswer(201, { state: "pending", number: 47, expiresAt: "2026-11-25T14:02:00Z" }),
  });
  renderSecondStep();
  fireEvent.click(
    await screen.findByRole("button", { name: "Approve from a device where you're signed in" }),
  );
  expect(await screen.findByRole("heading", { name: "Approve on your other device" })).toBeTruthy();
  expect((await screen.findByText("47")).className).toBe("approval-number");
  expect(calls.map((c) => c.key)).toContain("POST /api/auth/second-step/approval");
  // Back to a code, without losing the sign-in.
  fireEvent.click(screen.getByRole("button", { name: "Use a code instead" }));
  expect(await screen.findByLabelText(/code/i, { selector: "input" })).toBeTruthy();
});

it("does not offer approval when no other device is signed in", async () => {
  const calls = stubNetwork({
    "GET /api/auth/second-step": () => jsonAnswer(200, { methods: ["totp", "recovery-code"] }),
    "GET /api/auth/second-step/approval": () =>
      jsonAnswer(200, { state: "none", available: false }),
  });
  renderSecondStep();
  // The other method's button is there; the approval offer is not.
  expect(await screen.findByRole("button", { name: /recovery code/i })).toBeTruthy();
  await vi.waitFor(() =>
    expect(calls.map((c) => c.key)).toContain("GET /api/auth/second-step/approval"),
  );
  // The answer and the words have arrived (a macrotask later) before looking for the offer.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.queryByRole("button", { name: /approve/i })).toBeNull();
});
