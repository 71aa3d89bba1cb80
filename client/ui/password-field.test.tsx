import { fireEvent, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { describe, expect, it } from "vitest";
import { PasswordField } from "./password-field.tsx";

function renderField() {
  const [visible, setVisible] = createSignal(false);
  const [value, setValue] = createSignal("hunter2");
  render(() => (
    <PasswordField
      id="password"
      name="password"
      label="Password"
      autocomplete="current-password"
      value={value()}
      onInput={setValue}
      visible={visible()}
      onVisibleChange={setVisible}
    />
  ));
  return {
    input: screen.getByLabelText("Password") as HTMLInputElement,
    toggle: screen.getByRole("button", { name: "Show password" }),
  };
}

describe("PasswordField", () => {
  it("starts hidden, with a toggle button named for what it does", () => {
    const { input, toggle } = renderField();
    expect(input.type).toBe("password");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    expect(toggle.getAttribute("type")).toBe("button");
    expect(toggle.getAttribute("aria-controls")).toBe("password");
  });

  it("shows and hides the password, keeping the value, the name and the input", () => {
    const { input, toggle } = renderField();
    fireEvent.click(toggle);
    expect(input.type).toBe("text");
    expect(input.value).toBe("hunter2");
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "Show password" })).toBe(toggle);
    fireEvent.click(toggle);
    expect(input.type).toBe("password");
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByLabelText("Password")).toBe(input);
  });

  it("keeps phone keyboards from changing what is typed", () => {
    const { input } = renderField();
    expect(input.getAttribute("autocapitalize")).toBe("none");
    expect(input.getAttribute("spellcheck")).toBe("false");
    expect(input.getAttribute("autocomplete")).toBe("current-password");
  });
});
