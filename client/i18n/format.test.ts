import { describe, expect, it } from "vitest";
import { formatDate, formatList, formatTime } from "./format.ts";
import { formatWhen } from "./format-when.ts";
import { changeLocale } from "./i18n.ts";

const moment = new Date(2025, 10, 25, 14, 5);

describe("formatDate and formatTime", () => {
  it("write dates each language's own way", () => {
    expect(formatDate(moment, "en")).toBe("November 25, 2025");
    expect(formatDate(moment, "es")).toBe("25 de noviembre de 2025");
    expect(formatDate(moment, "zh")).toBe("2025年11月25日");
  });

  it("write times each language's own way", () => {
    expect(formatTime(moment, "en")).toMatch(/^2:05\sPM$/);
    expect(formatTime(moment, "vi")).toBe("14:05");
  });

  it("follow the current language by default", async () => {
    await changeLocale("es");
    expect(formatDate(moment)).toBe("25 de noviembre de 2025");
  });

  it("accept the ISO strings that Dexie stores", () => {
    expect(formatDate(moment.toISOString(), "en")).toBe("November 25, 2025");
  });
});

describe("formatWhen", () => {
  // The suite runs in UTC, America/Los_Angeles and Asia/Tokyo (scripts/test-all.ts): a
  // calendar date must read the same in all three.
  it("writes a calendar date for its own day, in every zone", () => {
    expect(formatWhen("2026-01-10", {}, "en")).toBe("January 10, 2026");
    expect(formatWhen("2026-01-01", {}, "es")).toBe("1 de enero de 2026");
    expect(formatWhen("2026-01-10", {}, "zh")).toBe("2026年1月10日");
  });

  it("writes a partial date as written, never as the first of the month", () => {
    expect(formatWhen("2019", {}, "en")).toBe("2019");
    expect(formatWhen("2019-05", {}, "en")).toBe("May 2019");
    expect(formatWhen("2019-01", {}, "es")).toBe("enero de 2019");
    expect(formatWhen("2019-05", {}, "vi")).toMatch(/5.*2019/);
  });

  it("writes an instant in the viewer's zone, naming the zone when the time is shown", () => {
    const instant = "2026-01-10T03:00:00.000Z";
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const local = new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(new Date(instant));
    const day = Number(local.slice(8, 10));
    expect(formatWhen(instant, {}, "en")).toBe(`January ${day}, 2026`);
    const withTime = formatWhen(instant, { time: true }, "en");
    const zoneName = new Intl.DateTimeFormat("en", { timeZoneName: "short" })
      .formatToParts(new Date(instant))
      .find((part) => part.type === "timeZoneName")?.value;
    expect(withTime).toContain(`January ${day}, 2026`);
    expect(withTime).toContain(zoneName);
  });
});

describe("formatList", () => {
  it("joins names with each language's own separators", () => {
    const names = ["Dr. Lee", "Dr. Ruiz", "Dr. Tran"];
    expect(formatList(names, "conjunction", "en")).toBe("Dr. Lee, Dr. Ruiz, and Dr. Tran");
    expect(formatList(names, "conjunction", "es")).toBe("Dr. Lee, Dr. Ruiz y Dr. Tran");
    expect(formatList(names, "conjunction", "zh")).toBe("Dr. Lee、Dr. Ruiz和Dr. Tran");
    expect(formatList(names, "conjunction", "ar")).toBe("Dr. Lee وDr. Ruiz وDr. Tran");
    expect(formatList(["Dr. Lee"], "conjunction", "vi")).toBe("Dr. Lee");
  });
});
