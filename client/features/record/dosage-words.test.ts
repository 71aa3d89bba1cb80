import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { changeLocale, loadNamespaces } from "../../i18n/i18n.ts";
import { fixtureResources } from "../../test/fixture-rows.ts";
import { dosageWords } from "./dosage-words.ts";

beforeAll(() => loadNamespaces(["record"]));
afterEach(() => changeLocale("en"));

/** The words as a person reads them: the isolation marks are invisible. */
const read = (dosage: Record<string, unknown>) =>
  dosageWords(dosage)?.replace(/[\u2068\u2069]/g, "");
const snomed = "http://snomed.info/sct";
const ucum = "http://unitsofmeasure.org";

const twiceByMouth = {
  timing: { repeat: { frequency: 2, period: 1, periodUnit: "d" } },
  route: { coding: [{ system: snomed, code: "26643006", display: "Oral route" }] },
  doseAndRate: [{ doseQuantity: { value: 1, unit: "tablet", system: ucum, code: "{tbl}" } }],
};

describe("structured dosage in words", () => {
  it("says dose, how often and route in English", () => {
    expect(read(twiceByMouth)).toBe("1 tablet twice a day, by mouth");
    expect(
      read({
        timing: { repeat: { frequency: 1, period: 6, periodMax: 8, periodUnit: "h" } },
        doseAndRate: [
          { doseRange: { low: { value: 1, unit: "puff" }, high: { value: 2, unit: "puffs" } } },
        ],
        asNeededCodeableConcept: { text: "wheezing" },
      }),
    ).toBe("1 to 2 puffs every 6 to 8 hours, when needed for wheezing");
    expect(
      read({
        timing: { repeat: { frequency: 3, period: 1, periodUnit: "d", when: ["PC"] } },
        doseAndRate: [{ doseQuantity: { value: 500, unit: "mg", system: ucum, code: "mg" } }],
      }),
    ).toBe("500 mg 3 times a day, after meals");
    expect(read({ timing: { code: { coding: [{ code: "QOD" }] } } })).toBe("every 2 days");
    expect(read({ timing: { repeat: { when: ["MORN", "HS"] } } })).toBe(
      "in the morning and at bedtime",
    );
    expect(read({ asNeededBoolean: true })).toBe("when needed");
    // A route not in our list is kept in the record's words.
    expect(read({ route: { text: "Via PEG tube" } })).toBe("route: Via PEG tube");
    expect(read({ asNeededBoolean: false })).toBeUndefined();
  });

  it("picks plural forms by each language's rules", async () => {
    const tablets = (value: number) => ({
      doseAndRate: [{ doseQuantity: { value, code: "{tbl}" } }],
    });
    expect([1, 2, 0.5].map((v) => read(tablets(v)))).toEqual([
      "1 tablet",
      "2 tablets",
      "0.5 tablets",
    ]);
    await changeLocale("es");
    expect(read(twiceByMouth)).toBe("1 comprimido dos veces al día, por vía oral");
    expect(read(tablets(2))).toBe("2 comprimidos");
    expect(read(tablets(1000000))).toBe("1.000.000 de comprimidos");
    await changeLocale("ar");
    // Arabic: 3–10 take the plural (few), 11–99 the accusative singular (many).
    expect(read(tablets(3))).toBe(`${new Intl.NumberFormat("ar").format(3)} أقراص`);
    expect(read(tablets(11))).toBe(`${new Intl.NumberFormat("ar").format(11)} قرصًا`);
    expect(read(twiceByMouth)).toBe(
      `${new Intl.NumberFormat("ar").format(1)} قرص مرتين في اليوم، عن طريق الفم`,
    );
    await changeLocale("zh");
    expect(read(twiceByMouth)).toBe("每天两次，每次1片，口服");
    await changeLocale("vi");
    expect(read(twiceByMouth)).toBe("1 viên, 2 lần mỗi ngày, uống");
  });

  it("reads the structured dosages of real exports", () => {
    // Synthea: a number with no unit, once a day.
    const dosages = fixtureResources("more/synthea-smart-Fletcher_Hyatt.json")
      .filter((r) => r.resourceType === "MedicationRequest")
      .flatMap((r) => (r.dosageInstruction as Record<string, unknown>[] | undefined) ?? []);
    const daily = dosages.find((d) => {
      const repeat = (d.timing as { repeat?: Record<string, unknown> } | undefined)?.repeat;
      return repeat?.frequency === 1 && repeat.period === 1 && repeat.periodUnit === "d" && !d.text;
    });
    expect(daily).toBeDefined();
    expect(read(daily as Record<string, unknown>)).toBe("1 dose once a day");
  });
});
