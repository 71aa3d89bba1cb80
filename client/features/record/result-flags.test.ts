import { describe, expect, it } from "vitest";
import { flagOf, measuresOf, referenceRangeOf } from "./result-flags.ts";

const interpretation = (code: string) => [
  {
    coding: [
      { system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code },
    ],
  },
];
const quantity = (value: number, unit = "mg/dL") => ({ value, unit });

describe("flagOf", () => {
  it("takes the laboratory's interpretation first, whatever the range says", () => {
    expect(flagOf(interpretation("H"), 80, { low: 70, high: 99 })).toEqual({
      flag: "high",
      source: "interpretation",
    });
    expect(flagOf(interpretation("LL"), 40, undefined)?.flag).toBe("critical-low");
    expect(flagOf(interpretation("HH"), 400, undefined)?.flag).toBe("critical-high");
    expect(flagOf(interpretation("AA"), undefined, undefined)?.flag).toBe("critical");
    expect(flagOf(interpretation("A"), undefined, undefined)?.flag).toBe("abnormal");
    expect(flagOf(interpretation("N"), 150, { high: 99 })?.flag).toBe("normal");
  });

  it("computes the flag from the range when the interpretation is missing or unknown", () => {
    expect(flagOf(undefined, 112, { low: 70, high: 99 })).toEqual({
      flag: "high",
      source: "range",
    });
    expect(flagOf(interpretation("IND"), 60, { low: 70, high: 99 })).toEqual({
      flag: "low",
      source: "range",
    });
    expect(flagOf(undefined, 99, { low: 70, high: 99 })).toEqual({
      flag: "normal",
      source: "range",
    });
    expect(flagOf(undefined, 250, { high: 200 })?.flag).toBe("high");
    expect(flagOf(undefined, 50, { low: 60 })?.flag).toBe("low");
  });

  it("says nothing (not 'normal') when there is nothing to compare with", () => {
    expect(flagOf(undefined, 112, undefined)).toBeUndefined();
    expect(flagOf(undefined, undefined, { low: 1, high: 2 })).toBeUndefined();
    expect(flagOf(undefined, 5, { text: "negative" })).toBeUndefined();
  });
});

describe("referenceRangeOf", () => {
  it("picks the normal range over others, and keeps the unit and text", () => {
    const range = referenceRangeOf([
      {
        type: { coding: [{ code: "treatment" }] },
        low: quantity(100),
        high: quantity(130),
      },
      {
        type: {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/referencerange-meaning",
              code: "normal",
            },
          ],
        },
        low: quantity(70),
        high: quantity(99),
        text: "70-99",
      },
    ]);
    expect(range).toEqual({ low: 70, high: 99, unit: "mg/dL", text: "70-99" });
  });

  it("answers undefined for no range, and keeps a one-sided range", () => {
    expect(referenceRangeOf(undefined)).toBeUndefined();
    expect(referenceRangeOf([{}])).toBeUndefined();
    expect(referenceRangeOf([{ high: quantity(200) }])).toEqual({
      low: undefined,
      high: 200,
      unit: "mg/dL",
      text: undefined,
    });
  });
});

describe("measuresOf", () => {
  it("splits blood pressure into its components, each with its own flag", () => {
    const [systolic, diastolic] = measuresOf({
      resourceType: "Observation",
      code: {
        coding: [{ system: "http://loinc.org", code: "85354-9", display: "Blood pressure" }],
      },
      component: [
        {
          code: { coding: [{ system: "http://loinc.org", code: "8480-6", display: "Systolic" }] },
          valueQuantity: quantity(150, "mm[Hg]"),
          referenceRange: [{ high: quantity(129, "mm[Hg]") }],
        },
        {
          code: { coding: [{ system: "http://loinc.org", code: "8462-4", display: "Diastolic" }] },
          valueQuantity: quantity(78, "mm[Hg]"),
        },
      ],
    });
    expect(systolic).toMatchObject({
      key: "http://loinc.org|8480-6",
      name: "Systolic",
      flag: "high",
    });
    expect(systolic?.amount).toEqual({
      value: 150,
      unit: "mm[Hg]",
      comparator: undefined,
      of: "8480-6",
    });
    expect(diastolic).toMatchObject({ key: "http://loinc.org|8462-4", flag: undefined });
  });

  it("reads coded, text and yes/no values as the record wrote them", () => {
    const [coded] = measuresOf({
      resourceType: "Observation",
      code: { text: "Smoking status" },
      valueCodeableConcept: { coding: [{ display: "Never smoker" }] },
    });
    expect(coded).toMatchObject({ key: "|Smoking status", valueText: "Never smoker" });
    const [answer] = measuresOf({
      resourceType: "Observation",
      code: { text: "Pregnant" },
      valueBoolean: false,
    });
    expect(answer?.answer).toBe(false);
  });
});
