import { describe, expect, it } from "vitest";
import { offeredSlots } from "./offered-slots.ts";
import { instantAt, wallClockAt, weekdayOf } from "./zoned-time.ts";

describe("wall clock and instants around a DST change", () => {
  const newYork = "America/New_York";

  it("keeps 09:00 at 09:00 in New York across the spring change (8 March 2026)", () => {
    expect(instantAt("2026-03-06", "09:00", newYork)?.toISOString()).toBe(
      "2026-03-06T14:00:00.000Z",
    );
    expect(instantAt("2026-03-09", "09:00", newYork)?.toISOString()).toBe(
      "2026-03-09T13:00:00.000Z",
    );
  });

  it("skips the hour that does not exist and takes the first of the hour that happens twice", () => {
    expect(instantAt("2026-03-08", "02:30", newYork)).toBeNull();
    // 1 November 2026: 01:30 happens in EDT (05:30Z) and again in EST (06:30Z).
    expect(instantAt("2026-11-01", "01:30", newYork)?.toISOString()).toBe(
      "2026-11-01T05:30:00.000Z",
    );
  });

  it("reads the wall clock back in other zones, including ones east of UTC", () => {
    const instant = new Date("2026-03-29T00:30:00Z");
    expect(wallClockAt(instant, "Europe/London")).toEqual({ date: "2026-03-29", time: "00:30" });
    expect(wallClockAt(instant, "Asia/Ho_Chi_Minh")).toEqual({ date: "2026-03-29", time: "07:30" });
    expect(instantAt("2026-03-29", "03:00", "Europe/London")?.toISOString()).toBe(
      "2026-03-29T02:00:00.000Z",
    );
  });

  it("numbers weekdays as ISO 8601 does", () => {
    expect(weekdayOf("2026-03-09")).toBe(1);
    expect(weekdayOf("2026-03-08")).toBe(7);
  });

  it("offers a template's slots at the same wall time on both sides of the change", () => {
    const template = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      startTime: "01:00",
      endTime: "04:00",
      visitType: "in-person" as const,
      slotMinutes: 60,
    }));
    const slots = offeredSlots(template, [], newYork, "2026-03-07", "2026-03-09");
    const wall = slots.map((slot) => {
      const { date, time } = wallClockAt(slot.start, newYork);
      return `${date} ${time}`;
    });
    // On the 8th, 02:00 does not exist: that slot is not offered.
    expect(wall).toEqual([
      "2026-03-07 01:00",
      "2026-03-07 02:00",
      "2026-03-07 03:00",
      "2026-03-08 01:00",
      "2026-03-08 03:00",
      "2026-03-09 01:00",
      "2026-03-09 02:00",
      "2026-03-09 03:00",
    ]);
    // The slot before the change lasts one real hour; no two slots share an instant.
    expect(new Set(slots.map((s) => s.start.getTime())).size).toBe(slots.length);
  });

  it("replaces the template on a date with a one-off change", () => {
    const template = [
      {
        weekday: 1,
        startTime: "09:00",
        endTime: "10:00",
        visitType: "video" as const,
        slotMinutes: 30,
      },
    ];
    const closed = offeredSlots(
      template,
      [{ date: "2026-03-09", kind: "closed" }],
      newYork,
      "2026-03-09",
      "2026-03-09",
    );
    expect(closed).toEqual([]);
    const changed = offeredSlots(
      template,
      [
        {
          date: "2026-03-09",
          kind: "open",
          startTime: "15:00",
          endTime: "16:00",
          visitType: "in-person",
          slotMinutes: 60,
        },
      ],
      newYork,
      "2026-03-09",
      "2026-03-09",
    );
    expect(changed.map((s) => s.start.toISOString())).toEqual(["2026-03-09T19:00:00.000Z"]);
  });
});
