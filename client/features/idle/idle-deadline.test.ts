import { describe, expect, it } from "vitest";
import { formatCountdown, nextDeadline, shouldAnnounce } from "./idle-deadline.ts";

describe("nextDeadline", () => {
  const answer = {
    endsAt: "2026-01-05T09:30:00.000Z",
    remainingMs: 1_800_000,
    limit: "idle" as const,
  };

  it("starts counting from the time the server says is left, on this device's clock", () => {
    expect(nextDeadline(undefined, answer, 1_000)).toEqual({
      at: 1_801_000,
      limit: "idle",
      endsAt: answer.endsAt,
    });
  });

  it("keeps counting while the server's end stands still, whatever it now says is left", () => {
    const first = nextDeadline(undefined, answer, 1_000);
    // Later, a slow answer or a server clock that disagrees: the same end keeps the first count.
    expect(nextDeadline(first, { ...answer, remainingMs: 1_799_000 }, 600_000)).toBe(first);
  });

  it("starts again when the session was used and the server's end moved", () => {
    const first = nextDeadline(undefined, answer, 1_000);
    const moved = {
      endsAt: "2026-01-05T09:45:00.000Z",
      remainingMs: 1_800_000,
      limit: "idle" as const,
    };
    expect(nextDeadline(first, moved, 900_000).at).toBe(2_700_000);
  });
});

describe("formatCountdown", () => {
  it("writes minutes and seconds, rounded up", () => {
    expect(formatCountdown(120_000, "en")).toBe("2:00");
    expect(formatCountdown(119_001, "en")).toBe("2:00");
    expect(formatCountdown(9_000, "en")).toBe("0:09");
    expect(formatCountdown(-5, "en")).toBe("0:00");
  });
});

describe("shouldAnnounce", () => {
  it("speaks at 1:00, 0:30 and 0:10, once each", () => {
    expect(shouldAnnounce(61_000, 60_000)).toBe(true);
    expect(shouldAnnounce(60_000, 59_000)).toBe(false);
    expect(shouldAnnounce(31_000, 30_000)).toBe(true);
    expect(shouldAnnounce(11_000, 10_000)).toBe(true);
    expect(shouldAnnounce(100_000, 99_000)).toBe(false);
  });
});
