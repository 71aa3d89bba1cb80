import { describe, expect, it } from "vitest";
import { isoDateOf } from "./date-of-birth.tsx";
import { checkUsername } from "./username-rules.ts";

describe("isoDateOf", () => {
  const today = new Date("2026-11-25T12:00:00Z");
  it("makes the ISO date the server compares with the record", () => {
    expect(isoDateOf({ day: "7", month: "3", year: "1980" }, today)).toBe("1980-03-07");
    expect(isoDateOf({ day: " 17 ", month: "02", year: "2001" }, today)).toBe("2001-02-17");
  });

  it("tells an empty date from one that cannot be", () => {
    expect(isoDateOf({ day: "", month: " ", year: "" }, today)).toBe("required");
    expect(isoDateOf({ day: "31", month: "2", year: "1980" }, today)).toBe("invalid");
    expect(isoDateOf({ day: "1", month: "1", year: "80" }, today)).toBe("invalid");
    expect(isoDateOf({ day: "1", month: "13", year: "1980" }, today)).toBe("invalid");
    expect(isoDateOf({ day: "1", month: "1", year: "2027" }, today)).toBe("invalid");
    expect(isoDateOf({ day: "", month: "1", year: "1980" }, today)).toBe("invalid");
  });
});

describe("checkUsername", () => {
  it("checks what the server's activation contract checks", () => {
    expect(checkUsername("  ")).toBe("required");
    expect(checkUsername("ab")).toBe("tooShort");
    expect(checkUsername("a".repeat(65))).toBe("tooLong");
    expect(checkUsername("rosa m")).toBe("invalid");
    expect(checkUsername("rosa@example.org")).toBe("invalid");
    expect(checkUsername("Lina.H_2")).toBeNull();
    expect(checkUsername("nguyễn")).toBeNull();
  });
});
