import { describe, expect, it } from "vitest";
import { checkHelpRequest } from "./help-request-form.ts";

const filled = {
  name: "Ana Rivera",
  contact: "+34 612 345 678",
  message: "My code never arrives.",
  diagnosticCode: "",
};

describe("checkHelpRequest", () => {
  it("accepts a phone number or an email, and an empty or loosely typed code", () => {
    expect(checkHelpRequest(filled, "es")).toMatchObject({ ok: true });
    const typed = checkHelpRequest(
      { ...filled, contact: "ana@example.com", diagnosticCode: " d7k4qx " },
      "en",
    );
    expect(typed).toMatchObject({ ok: true, request: { diagnosticCode: "D7K-4QX" } });
  });

  it("finds one problem per field, as the server would", () => {
    const checked = checkHelpRequest(
      { name: " ", contact: "call me", message: "", diagnosticCode: "OIL-000" },
      "en",
    );
    expect(checked).toEqual({
      ok: false,
      problems: {
        name: "required",
        contact: "invalid",
        message: "required",
        diagnosticCode: "invalid",
      },
    });
  });
});
