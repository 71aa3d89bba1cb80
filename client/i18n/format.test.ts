import { describe, expect, it } from "vitest";
import { formatDate, formatTime } from "./format.ts";
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
