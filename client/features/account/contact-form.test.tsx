import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { loadNamespaces } from "../../i18n/i18n.ts";
import { jsonAnswer, stubNetwork } from "../../test/network.ts";
import { ContactForm } from "./contact-form.tsx";

beforeAll(() => loadNamespaces(["security"]));
afterEach(() => vi.unstubAllGlobals());

describe("changing the email address", () => {
  it("asks for the password when the last proof is old (AUTH-108), then sends the same change", async () => {
    let attempts = 0;
    const calls = stubNetwork({
      "POST /api/account/email": () =>
        ++attempts === 1
          ? jsonAnswer(401, { error: { code: "AUTH-108" } })
          : new Response(null, { status: 204 }),
      "POST /api/auth/reauthenticate": () => new Response(null, { status: 204 }),
    });
    const done = vi.fn();
    render(() => <ContactForm kind="email" onDone={done} onCancel={() => {}} />);
    fireEvent.input(screen.getByLabelText("New email address"), {
      target: { value: "new@example.org" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));

    // "Confirm it's you" replaces the form, its heading focused.
    const password = await screen.findByLabelText("Password");
    expect(document.activeElement?.closest("h2")).not.toBeNull();
    fireEvent.input(password, { target: { value: "hearth-demo" } });
    fireEvent.submit(password.closest("form") as HTMLFormElement);

    await waitFor(() => expect(done).toHaveBeenCalledOnce());
    expect(calls.map((c) => c.key)).toEqual([
      "POST /api/account/email",
      "POST /api/auth/reauthenticate",
      "POST /api/account/email",
    ]);
    // What the person typed was sent again, not lost.
    expect(calls[2]?.body).toEqual({ email: "new@example.org" });
  });

  it("says plainly what is wrong before sending, and explains a refusal by its code", async () => {
    const calls = stubNetwork({
      "POST /api/account/email": () => jsonAnswer(409, { error: { code: "AUTH-142" } }),
    });
    render(() => <ContactForm kind="email" onDone={() => {}} onCancel={() => {}} />);
    const field = screen.getByLabelText("New email address") as HTMLInputElement;
    fireEvent.input(field, { target: { value: "not an address" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    const summary = screen.getByRole("alert");
    expect(summary.textContent).toContain("Enter an email address like name@example.org");
    expect(document.activeElement).toBe(summary);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(calls).toEqual([]);

    fireEvent.input(field, { target: { value: "codes@example.org" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("AUTH-142"));
    expect(field.value).toBe("codes@example.org");
  });
});
