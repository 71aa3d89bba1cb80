import { describe, expect, it } from "vitest";
import { escapeText, fold, icsText } from "./ics.ts";

describe("icsText (RFC 5545)", () => {
  const event = {
    uid: "0b6f9a0e-1111-4c4c-8888-222233334444",
    start: "2026-03-09T13:00:00.000Z",
    end: "2026-03-09T13:30:00.000Z",
    summary: "Appointment with Dr. Jordan Lee",
    description: "Reason: pain; swelling, since Monday\nBring: medicines",
    location: "Hearth Clinic, 120 Main Street",
    stamp: new Date("2026-03-02T17:00:00.000Z"),
  };

  it("writes one VEVENT in UTC with CRLF line ends", () => {
    const text = icsText(event);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toContain("DTSTART:20260309T130000Z");
    expect(text.split("\r\n")).toContain("DTEND:20260309T133000Z");
    expect(text.split("\r\n")).toContain("DTSTAMP:20260302T170000Z");
    expect(text).toContain("UID:0b6f9a0e-1111-4c4c-8888-222233334444@hearth");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("escapes backslashes, semicolons, commas and newlines in text", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
    expect(icsText(event)).toContain("LOCATION:Hearth Clinic\\, 120 Main Street");
  });

  it("folds long lines at 75 octets without splitting a character", () => {
    const line = `SUMMARY:${"Khám sức khỏe định kỳ với bác sĩ ".repeat(4)}`;
    const folded = fold(line).split("\r\n");
    const encoder = new TextEncoder();
    for (const part of folded) expect(encoder.encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(" "))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join("")).toBe(line);
  });
});
