import { describe, expect, it } from "vitest";
import {
  calendarDays,
  fhirWhen,
  isCalendarDay,
  newestWhenFirst,
  sentInstant,
  today,
  whenInDays,
  whenPassed,
  whenPrecision,
  whenStart,
} from "./fhir-when.ts";

describe("fhirWhen", () => {
  it.each([
    // Calendar dates stay exactly as written, at their own precision.
    ["2015", "2015"],
    ["2015-03", "2015-03"],
    ["2015-03-04", "2015-03-04"],
    [" 2015-03-04 ", "2015-03-04"],
    ["2016-02-29", "2016-02-29"],
    // Instants become UTC with milliseconds.
    ["2015-03-04T13:37:42+00:00", "2015-03-04T13:37:42.000Z"],
    ["2015-03-04T08:37:42-05:00", "2015-03-04T13:37:42.000Z"],
    ["2015-03-04T23:30:00-08:00", "2015-03-05T07:30:00.000Z"],
    ["2015-05-03T13:37:42.868+00:00", "2015-05-03T13:37:42.868Z"],
    // No zone (not FHIR, seen in exports): read as UTC, never as the reading machine's zone.
    ["2015-03-04T13:37:42", "2015-03-04T13:37:42.000Z"],
    ["2015-03-04T13:37", "2015-03-04T13:37:00.000Z"],
  ])("reads %j as %j", (raw, when) => {
    expect(fhirWhen(raw)).toBe(when);
  });

  it.each([
    "",
    "yesterday",
    "2015-13",
    "2015-13-45",
    "2015-02-30",
    "2015-02-29",
    "15-03-04",
    "2015-00",
    42,
    null,
  ])("gives undefined for %j", (raw) => {
    expect(fhirWhen(raw)).toBeUndefined();
  });
});

describe("precision, order and days", () => {
  it("tells the precision from the shape", () => {
    expect(
      ["2019", "2019-05", "2019-05-10", "2019-05-10T14:00:00.000Z"].map(whenPrecision),
    ).toEqual(["year", "month", "day", "instant"]);
  });

  it("sorts as text in time order, undated last", () => {
    const list = ["2019-05", undefined, "2019-05-10T14:00:00.000Z", "2018", "2019-05-10", "2019"];
    expect([...list].sort(newestWhenFirst)).toEqual([
      "2019-05-10T14:00:00.000Z",
      "2019-05-10",
      "2019-05",
      "2019",
      "2018",
      undefined,
    ]);
  });

  it("places calendar dates at midnight UTC on a time axis", () => {
    expect(whenStart("2019")).toBe(Date.UTC(2019, 0, 1));
    expect(whenStart("2019-05")).toBe(Date.UTC(2019, 4, 1));
    expect(whenStart("2019-05-10")).toBe(Date.UTC(2019, 4, 10));
    expect(whenStart("2019-05-10T14:00:00.000Z")).toBe(Date.UTC(2019, 4, 10, 14));
  });

  it("gives a calendar date the same day in every zone, an instant the viewer's day", () => {
    for (const zone of ["America/Los_Angeles", "UTC", "Asia/Tokyo", "Pacific/Kiritimati"]) {
      expect(calendarDays("2026-01-10", zone)).toEqual({ first: "2026-01-10", last: "2026-01-10" });
      expect(calendarDays("2024-02", zone)).toEqual({ first: "2024-02-01", last: "2024-02-29" });
      expect(calendarDays("2019", zone)).toEqual({ first: "2019-01-01", last: "2019-12-31" });
    }
    expect(calendarDays("2026-01-10T03:00:00.000Z", "America/Los_Angeles").first).toBe(
      "2026-01-09",
    );
    expect(calendarDays("2026-01-10T03:00:00.000Z", "Asia/Tokyo").first).toBe("2026-01-10");
  });

  it("matches a from–to window by the days a date covers", () => {
    expect(whenInDays("2026-01-10", "2026-01-10", "2026-01-10", "America/Los_Angeles")).toBe(true);
    expect(whenInDays("2026-01-10", "2026-01-11", undefined, "Asia/Tokyo")).toBe(false);
    expect(whenInDays("2026-01", "2026-01-20", "2026-02-05")).toBe(true);
    expect(whenInDays("2025", "2026-01-01", undefined)).toBe(false);
    expect(whenInDays("2026-01-10T03:00:00.000Z", "2026-01-10", "2026-01-10", "UTC")).toBe(true);
    expect(
      whenInDays("2026-01-10T03:00:00.000Z", "2026-01-10", "2026-01-10", "America/Los_Angeles"),
    ).toBe(false);
  });

  it("says a due date has passed only once its whole day is over where the viewer is", () => {
    // 10 January, 20:00 in Los Angeles (04:00 UTC on the 11th): the 10th is still today there.
    const now = Date.UTC(2026, 0, 11, 4);
    expect(today("America/Los_Angeles", now)).toBe("2026-01-10");
    expect(whenPassed("2026-01-10", "America/Los_Angeles", now)).toBe(false);
    expect(whenPassed("2026-01-10", "UTC", now)).toBe(true);
    expect(whenPassed("2026-01", "UTC", now)).toBe(false);
  });
});

describe("dates a person or device sends (docs/security.md)", () => {
  it("accepts only days that exist", () => {
    for (const day of ["2026-02-28", "2024-02-29", "2026-12-31", "2000-02-29"]) {
      expect(isCalendarDay(day)).toBe(true);
    }
    for (const day of ["2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01"]) {
      expect(isCalendarDay(day)).toBe(false);
    }
    for (const day of [
      "2026-00-10",
      "2026-01-00",
      "2026-2-3",
      "2026-02",
      "",
      "2026-02-28T00:00Z",
    ]) {
      expect(isCalendarDay(day)).toBe(false);
    }
  });

  it("reads instants with a time and a zone, and refuses those on a day that does not exist", () => {
    expect(sentInstant("2026-03-02T17:00:00.000Z")?.toISOString()).toBe("2026-03-02T17:00:00.000Z");
    expect(sentInstant("2026-03-02T12:00:00-05:00")?.toISOString()).toBe(
      "2026-03-02T17:00:00.000Z",
    );
    for (const text of [
      "2026-02-30T10:00:00.000Z",
      "2026-02-31T10:00:00Z",
      "2026-03-02",
      "2026-03-02T10:00:00",
      "2026-03-02T25:00:00Z",
      "soon",
    ]) {
      expect(sentInstant(text)).toBeUndefined();
    }
  });
});
