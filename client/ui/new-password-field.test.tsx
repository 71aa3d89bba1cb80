import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { beforeEach, describe, expect, it } from "vitest";
import en from "../../shared/locales/access/en.json";
import core from "../../shared/locales/en.json";
import { loadNamespaces } from "../i18n/i18n.ts";
import { checkNewPassword, NewPasswordField, newPasswordMessage } from "./new-password-field.tsx";

beforeEach(async () => {
  await loadNamespaces(["access"]);
});

function renderField(userInputs: string[] = []) {
  const [value, setValue] = createSignal("");
  let submitted = 0;
  render(() => (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submitted++;
      }}
    >
      <NewPasswordField value={value()} onInput={setValue} userInputs={userInputs} />
      <button type="submit">Save</button>
    </form>
  ));
  const input = screen.getByLabelText(en.newPassword.label) as HTMLInputElement;
  return { input, value, submitted: () => submitted };
}

describe("NewPasswordField", () => {
  it("says the rules up front, with 15 or more recommended, tied to the input", () => {
    const { input } = renderField();
    const hint = document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(hint?.textContent).toContain("8 to 64 characters");
    expect(hint?.textContent).toContain("15 or more is recommended");
    expect(input.id).toBe("new-password");
    expect(input.type).toBe("password");
    expect(input.getAttribute("autocomplete")).toBe("new-password");
  });

  it("shows the password on request and hides it again when the form is submitted", () => {
    const { input } = renderField();
    fireEvent.click(screen.getByRole("button", { name: core.form.showPassword }));
    expect(input.type).toBe("text");
    fireEvent.submit(input.form as HTMLFormElement);
    expect(input.type).toBe("password");
  });

  it("hints at the strength once typing pauses, loading the estimator only then", async () => {
    const { input } = renderField(["rosa"]);
    const status = screen.getByRole("status");
    expect(status.textContent).toBe("");
    fireEvent.input(input, { target: { value: "password1" } });
    await waitFor(() => expect(status.textContent).toBe(en.newPassword.strength.weak), {
      timeout: 5000,
    });
    fireEvent.input(input, { target: { value: "violet kettle harbour quietly" } });
    await waitFor(() => expect(status.textContent).toBe(en.newPassword.strength.strong), {
      timeout: 5000,
    });
    // Under the minimum the rules speak, not the hint.
    fireEvent.input(input, { target: { value: "short" } });
    expect(status.textContent).toBe("");
  });

  it("shows an error the page hands in, with the field marked invalid", () => {
    render(() => (
      <NewPasswordField
        value="password1"
        onInput={() => {}}
        error={newPasswordMessage("passwordCommon")}
      />
    ));
    const input = screen.getByLabelText(en.newPassword.label);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(core.validation.passwordCommon)).toBeTruthy();
  });
});

describe("checkNewPassword", () => {
  it("finds what can be known before sending, counting characters as people do", () => {
    expect(checkNewPassword("")).toBe("required");
    expect(checkNewPassword("seven77")).toBe("passwordTooShort");
    expect(checkNewPassword("eight888")).toBeNull();
    expect(checkNewPassword("🌵".repeat(7))).toBe("passwordTooShort");
    expect(checkNewPassword("🌵".repeat(64))).toBeNull();
    expect(checkNewPassword("q".repeat(65))).toBe("passwordTooLong");
  });

  it("has a sentence for every problem", () => {
    expect(newPasswordMessage("required")).toBe(en.newPassword.required);
    expect(newPasswordMessage("passwordTooShort")).toBe(core.validation.passwordTooShort);
    expect(newPasswordMessage("passwordLikeUsername")).toBe(core.validation.passwordLikeUsername);
  });
});
