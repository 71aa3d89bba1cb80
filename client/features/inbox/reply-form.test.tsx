import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { fireEvent, render, screen } from "@solidjs/testing-library";
import { describe, expect, it, vi } from "vitest";
import { t } from "../../i18n/i18n.ts";
import { ReplyForm } from "./reply-form.tsx";

// What the server refuses (shared/contracts/free-text.ts) is refused here first, so the person
// sees why before anything is sent (docs/security.md).
function renderForm(value: string) {
  const send = vi.fn(async () => ({ ok: true as const }));
  const history = createMemoryHistory();
  history.set({ value: "/", replace: true, scroll: false });
  render(() => (
    <MemoryRouter history={history}>
      <Route
        path="/"
        component={() => (
          <ReplyForm
            id="reply"
            label="Reply"
            submitLabel="Send reply"
            value={value}
            onInput={() => {}}
            send={send}
          />
        )}
      />
    </MemoryRouter>
  ));
  return send;
}

describe("ReplyForm refuses what the server would", () => {
  it.each([
    ["a word joiner", "\u2060"],
    ["Hangul fillers", "\u115F\u3164"],
    ["a soft hyphen and spaces", " \u00AD  "],
    ["a blank braille pattern", "\u2800"],
    ["tag characters", "\u{E0041}\u{E0042}\u{E007F}"],
    ["all of them with spaces and new lines", " \u2060\n\u3164 \u00AD\u2800 \u{E0020} "],
  ])("invisible-only text (%s) as empty, MSG-910", async (_, value) => {
    const send = renderForm(value);
    fireEvent.click(await screen.findByRole("button", { name: "Send reply" }));
    expect((await screen.findAllByText(t("errors.MSG-910.message"))).length).toBeGreaterThan(0);
    expect(send).not.toHaveBeenCalled();
  });

  it.each([
    ["alone", "\u0000"],
    ["with spaces", "  \u0000  "],
    ["inside words", "my dose\u0000 is 5 mg"],
  ])("a NUL (%s) as REQ-307", async (_, value) => {
    const send = renderForm(value);
    fireEvent.click(await screen.findByRole("button", { name: "Send reply" }));
    expect((await screen.findAllByText(t("errors.REQ-307.message"))).length).toBeGreaterThan(0);
    expect(send).not.toHaveBeenCalled();
  });

  it("sends text with something visible, emoji joiners and tags included", async () => {
    const send = renderForm(
      "Thanks \u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
    );
    fireEvent.click(await screen.findByRole("button", { name: "Send reply" }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
  });
});
