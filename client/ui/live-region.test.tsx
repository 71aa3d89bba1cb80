import { render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { announce, LiveRegion } from "./live-region.tsx";

afterEach(() => {
  vi.useRealTimers();
});

describe("announce", () => {
  it("puts the text in the polite live region", () => {
    vi.useFakeTimers();
    render(() => <LiveRegion />);
    const region = screen.getByRole("status");
    expect(region.getAttribute("aria-live")).toBe("polite");
    announce("You are offline.");
    vi.runAllTimers();
    expect(region.textContent).toBe("You are offline.");
  });

  it("empties the region first, so the same message twice is said twice", () => {
    vi.useFakeTimers();
    render(() => <LiveRegion />);
    const region = screen.getByRole("status");
    announce("You are back online.");
    vi.runAllTimers();
    announce("You are back online.");
    expect(region.textContent).toBe("");
    vi.runAllTimers();
    expect(region.textContent).toBe("You are back online.");
  });
});
