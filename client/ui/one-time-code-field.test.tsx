import { render, screen } from "@solidjs/testing-library";
import { beforeEach, describe, expect, it } from "vitest";
import { expectNoAxeViolations } from "../test/axe.ts";
import { OneTimeCodeField, oneTimeCodeProblem, typedCode } from "./one-time-code-field.tsx";

// Rendered alone, without a Page to name the document: axe asks for a title.
beforeEach(() => {
  document.title = "One-time code";
});

describe("oneTimeCodeProblem", () => {
  it.each([
    ["", "required"],
    ["12345", "invalid"],
    ["1234567", "invalid"],
    ["12a456", "invalid"],
    ["123456", undefined],
    ["012345", undefined],
  ])("finds %j %s", (typed, problem) => {
    expect(oneTimeCodeProblem(typed)).toBe(problem);
  });

  it("takes the spaces out of what was typed or pasted", () => {
    expect(typedCode(" 123 456\t")).toBe("123456");
    expect(oneTimeCodeProblem(typedCode("   "))).toBe("required");
  });
});

describe("OneTimeCodeField", () => {
  it("asks for digits and the code just received, and is axe-clean", async () => {
    render(() => (
      <main>
        <OneTimeCodeField id="code" label="Code" hint="6 digits" value="" onInput={() => {}} />
      </main>
    ));
    const input = screen.getByLabelText("Code") as HTMLInputElement;
    expect(input.getAttribute("autocomplete")).toBe("one-time-code");
    expect(input.getAttribute("inputmode")).toBe("numeric");
    expect(input.getAttribute("spellcheck")).toBe("false");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    await expectNoAxeViolations();
  });

  it("shows its error tied to the input, and is axe-clean", async () => {
    render(() => (
      <main>
        <OneTimeCodeField
          id="code"
          label="Code"
          error="Enter the 6-digit code"
          value="12"
          onInput={() => {}}
        />
      </main>
    ));
    const input = screen.getByLabelText("Code") as HTMLInputElement;
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toContain("code-error");
    await expectNoAxeViolations();
  });
});
