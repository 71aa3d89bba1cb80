import { render, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../shared/errors.ts";
import { t } from "../i18n/i18n.ts";
import { ErrorExplanation } from "./error-explanation.tsx";

describe("ErrorExplanation", () => {
  it.each(errorCodes)("shows %s with its code and a link to its guide", (code) => {
    render(() => <ErrorExplanation code={code} />);
    expect(screen.getByText(`Error code ${code}`)).toBeTruthy();
    const link = screen.getByRole("link", { name: "Get help with this problem" });
    expect(link.getAttribute("href")).toBe(`/help/code/${code}`);
  });
});

it("explains a code it has no words for as an unexpected failure, keeping the code", () => {
  render(() => <ErrorExplanation code={"XYZ-999" as "SRV-501"} />);
  expect(screen.getByText("Error code XYZ-999")).toBeTruthy();
  expect(screen.getByText(t("errors.SRV-501.message"))).toBeTruthy();
});
