import { describe, expect, it } from "vitest";
import { retryDelayMs, retryJitter } from "./retry-delay.ts";

describe("the wait before syncing again after a failure", () => {
  it("is about 1 s, 2 s, 5 s, 15 s, then 60 s for ever", () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((attempt) => retryDelayMs(attempt, middle))).toEqual([
      1_000, 2_000, 5_000, 15_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });

  it("is moved by up to a fifth either way, and never beyond", () => {
    expect(retryJitter).toBe(0.2);
    expect(retryDelayMs(0, () => 0)).toBe(800);
    expect(retryDelayMs(0, () => 0.999_999)).toBe(1_200);
    expect(retryDelayMs(4, () => 0)).toBe(48_000);
    expect(retryDelayMs(4, () => 0.999_999)).toBe(72_000);
    for (let i = 0; i < 200; i++) {
      const wait = retryDelayMs(2);
      expect(wait).toBeGreaterThanOrEqual(4_000);
      expect(wait).toBeLessThanOrEqual(6_000);
    }
  });

  it("treats a nonsense attempt number as the first", () => {
    expect(retryDelayMs(-3, () => 0.5)).toBe(1_000);
    expect(retryDelayMs(0.7, () => 0.5)).toBe(1_000);
  });
});
