import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { freeText, textProblem } from "./free-text.ts";
import { fieldProblems } from "./validation.ts";

describe("free text (docs/security.md)", () => {
  it.each([
    "\u2060",
    "\u115F",
    "\u1160",
    "\u3164",
    "\uFFA0",
    "\u00AD",
    "\u2800",
    "\u{E0000}",
    "\u{E0041}\u{E007F}",
    "\u200B\u200D\uFEFF",
    " \u2060 \u3164\n\u00AD\t\u2800 \u{E0020} ",
  ])("finds %j blank", (text) => {
    expect(textProblem(text)).toBe("blank");
  });

  it.each(["\u0000", " \u0000 ", "dose\u0000", "\u0001", "\u007F", "\u009B"])(
    "finds the control character in %j",
    (text) => {
      expect(textProblem(text)).toBe("control");
    },
  );

  it("keeps text with something visible: tabs, new lines, emoji with joiners and tags", () => {
    for (const text of ["Hi\n\tthere", "👩\u200D⚕️", "\u{1F3F4}\u{E0067}\u{E0062}\u{E007F}", "­a"]) {
      expect(textProblem(text)).toBeNull();
    }
  });

  it("says required for blank required text and invalid for blank optional text", () => {
    const required = v.safeParse(v.object({ reason: freeText(10, { required: true }) }), {
      reason: "\u3164",
    });
    expect(required.success ? [] : fieldProblems(required.issues)).toEqual([
      { field: "reason", problem: "required" },
    ]);
    const optional = freeText(10, { required: false });
    expect(v.safeParse(optional, "").success).toBe(true);
    expect(v.safeParse(optional, "\u2060").success).toBe(false);
  });
});
