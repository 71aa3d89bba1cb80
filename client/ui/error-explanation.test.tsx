import { render, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { errorCatalog, errorCodes } from "../../shared/errors.ts";
import { ErrorExplanation } from "./error-explanation.tsx";

describe("ErrorExplanation", () => {
  it.each(errorCodes)("shows %s with its code and a link to its guide", (code) => {
    render(() => <ErrorExplanation code={code} />);
    expect(screen.getByText(`Error code ${code}`)).toBeTruthy();
    const link = screen.getByRole("link", { name: "Get help with this problem" });
    expect(link.getAttribute("href")).toBe(`/help/${errorCatalog[code].guide}`);
  });
});
