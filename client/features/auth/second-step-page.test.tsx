import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, expect, it, vi } from "vitest";
import { jsonAnswer, stubNetwork } from "../../test/network.ts";
import SecondStepPage from "./second-step-page.tsx";

afterEach(() => {
  vi.unstubAllGlobals();
});

it("ends a sign-in after too many wrong codes with the code to quote and its guide", async () => {
  stubNetwork({
    "GET /api/auth/second-step": () => jsonAnswer(200, { methods: ["totp"] }),
    "POST /api/auth/second-step/totp": () => jsonAnswer(401, { error: { code: "AUTH-107" } }),
  });
  const history = createMemoryHistory();
  history.set({ value: "/sign-in/second-step", replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history}>
      <Route path="/sign-in/second-step" component={SecondStepPage} />
    </MemoryRouter>
  ));
  const field = await screen.findByLabelText(/code/i, { selector: "input" });
  fireEvent.input(field, { target: { value: "123456" } });
  fireEvent.submit(field.closest("form") as HTMLFormElement);

  expect(await screen.findByText("Error code AUTH-107")).toBeTruthy();
  const guide = screen.getByRole("link", { name: /help/i });
  expect(guide.getAttribute("href")).toBe("/help/code/AUTH-107");
  expect(screen.getByRole("link", { name: /start again|sign in again/i })).toBeTruthy();
});
