import { describe, expect, it } from "vitest";
import { cleanDay, dateWindowProblem } from "./date-window.ts";

describe("date filters", () => {
  it("refuse a window that ends before it starts, and accept open or equal ends", () => {
    expect(dateWindowProblem("2024-05-01", "2024-01-01")).toBe("REC-402");
    expect(dateWindowProblem("2024-01-01", "2024-01-01")).toBeUndefined();
    expect(dateWindowProblem(undefined, "2024-01-01")).toBeUndefined();
    expect(dateWindowProblem("2024-01-01", undefined)).toBeUndefined();
  });

  it("take only real calendar days from the URL", () => {
    expect(cleanDay("2024-02-29")).toBe("2024-02-29");
    expect(cleanDay("2024-13-01")).toBeUndefined();
    expect(cleanDay("yesterday")).toBeUndefined();
    expect(cleanDay(["2024-01-01"])).toBeUndefined();
  });
});
