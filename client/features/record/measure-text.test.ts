import { beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "../../../shared/locales/index.ts";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import { formatAmount, rangeText, ucumSymbol, unitLabel } from "./measure-text.ts";
import { measuresOf } from "./result-flags.ts";

beforeAll(async () => {
  await changeLocale("en");
  await loadNamespaces(["record"]);
});

const ucum = "http://unitsofmeasure.org";

// Each UCUM code as a person writes it, worked out by hand from the UCUM specification
// (ucum.org/ucum) and how clinics print them; not from the code under test.
describe.each([
  ["mm[Hg]", "mmHg"],
  ["{score}", ""],
  ["{cells}/uL", "/µL"],
  ["mL/min/{1.73_m2}", "mL/min/1.73 m²"],
  ["10*3/uL", "×10³/µL"],
  ["10*9/L", "×10⁹/L"],
  ["10*12/L", "×10¹²/L"],
  ["kg/m2", "kg/m²"],
  ["Cel", "°C"],
  ["[degF]", "°F"],
  ["ug/L", "µg/L"],
  ["umol/L", "µmol/L"],
  ["[IU]/L", "IU/L"],
  ["mg/dL", "mg/dL"],
  ["mmol/L", "mmol/L"],
  ["/[HPF]", "/HPF"],
  ["1", ""],
  ["[pH]", ""],
  ["m2", "m²"],
  ["g/dL", "g/dL"],
  ["fL", "fL"],
  ["pg", "pg"],
])("ucumSymbol(%j)", (code, written) => {
  it(`is written ${JSON.stringify(written)}`, () => {
    expect(ucumSymbol(code)).toBe(written);
  });
});

/** An Observation with one quantity, through the same path the pages take (measuresOf). */
function shown(loinc: string, value: number, code: string, locale: Locale = "en"): string {
  const [measure] = measuresOf({
    resourceType: "Observation",
    code: { coding: [{ system: "http://loinc.org", code: loinc }] },
    valueQuantity: { value, unit: code, system: ucum, code },
  });
  if (!measure?.amount) throw new Error("no amount");
  return formatAmount(measure.amount, locale);
}

describe.each([
  ["85354-9", 120, "mm[Hg]", "120 mmHg"],
  ["8867-4", 72, "/min", "72 beats per minute"],
  ["8867-4", 72, "{beats}/min", "72 beats per minute"],
  ["9279-1", 16, "/min", "16 breaths per minute"],
  ["9279-1", 16, "{breaths}/min", "16 breaths per minute"],
  ["11111-1", 30, "/min", "30 per minute"],
  ["72514-3", 4, "{score}", "4"],
  ["33914-3", 58.2, "mL/min/{1.73_m2}", "58.2 mL/min/1.73 m²"],
  ["6690-2", 6.1, "10*3/uL", "6.1 ×10³/µL"],
  ["39156-5", 27.4, "kg/m2", "27.4 kg/m²"],
  ["8310-5", 37.2, "Cel", "37.2°C"],
  ["8310-5", 98.6, "[degF]", "98.6°F"],
  ["2708-6", 97, "%", "97%"],
  ["29463-7", 72.4, "kg", "72.4 kg"],
])("a %s of %d %s", (loinc, value, code, written) => {
  it(`reads ${JSON.stringify(written)}`, () => {
    expect(shown(loinc, value, code)).toBe(written);
  });
});

describe("in other languages", () => {
  it("says the words of a rate in the reader's language, and numbers in its digits", async () => {
    await changeLocale("es");
    await loadNamespaces(["record"]);
    try {
      expect(shown("8867-4", 72, "/min", "es")).toBe("72 latidos por minuto");
      expect(shown("9279-1", 16, "/min", "es")).toBe("16 respiraciones por minuto");
      expect(shown("39156-5", 27.4, "kg/m2", "es")).toBe("27,4 kg/m²");
      await changeLocale("zh");
      expect(shown("8867-4", 72, "/min", "zh")).toBe("每分钟 72 次心跳");
      await changeLocale("vi");
      expect(shown("8867-4", 72, "/min", "vi")).toBe("72 nhịp mỗi phút");
      await changeLocale("ar");
      expect(shown("8867-4", 72, "/min", "ar")).toBe(
        `${new Intl.NumberFormat("ar").format(72)} نبضة في الدقيقة`,
      );
    } finally {
      await changeLocale("en");
    }
  });
});

describe("ranges and labels", () => {
  it("writes the unit once after a range, in the reader's words for a rate", () => {
    expect(rangeText({ low: 60, high: 100, unit: "/min", of: "8867-4" }, "en")).toBe(
      "60–100 beats per minute",
    );
    expect(rangeText({ low: 4, high: 11, unit: "10*3/uL" }, "en")).toBe("4–11 ×10³/µL");
    expect(rangeText({ high: 200, unit: "mg/dL" }, "en")).toBe("below 200 mg/dL");
  });

  it("labels a chart's axis as people write the unit, and leaves Intl's units to Intl", () => {
    expect(unitLabel("mm[Hg]")).toBe("mmHg");
    expect(unitLabel("/min", "8867-4")).toBe("beats per minute");
    expect(unitLabel("kg")).toBeUndefined();
    expect(unitLabel("{score}")).toBeUndefined();
  });
});
