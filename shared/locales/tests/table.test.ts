// The table of common tests (ADR 27): a plain name and search words for each LOINC code, in
// every language, covering the tests laboratories order most, the vital signs, and the tests
// the fixture records Hearth did not make hold.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Locale, locales } from "../index.ts";

type Table = Record<string, { name: string; words: string }>;

function raw(locale: Locale): string {
  return readFileSync(new URL(`./${locale}.json`, import.meta.url), "utf8");
}
const tables = new Map(locales.map((locale) => [locale, JSON.parse(raw(locale)) as Table]));
const english = tables.get("en") as Table;
const codes = Object.keys(english);

/** Vital signs and body measurements; the issue names these, and each must be in the table. */
const vitalSigns = [
  "8867-4", // heart rate
  "8480-6", // systolic
  "8462-4", // diastolic
  "85354-9", // blood pressure panel
  "8310-5", // body temperature
  "9279-1", // respiratory rate
  "2708-6", // oxygen saturation
  "59408-5", // oxygen saturation by pulse oximetry
  "29463-7", // weight
  "8302-2", // height
  "39156-5", // BMI
  "9843-4", // head circumference
  "72514-3", // pain score
];
/** Every code of the table that is not a laboratory test (measurements, history, imaging). */
const notLaboratory = new Set([
  ...vitalSigns,
  ...["55284-4", "96607-7", "96608-5", "96609-3", "8478-0", "8331-1", "59417-6", "59409-3"],
  ...["89276-0", "3150-0", "3151-8", "3141-9", "8306-3", "59576-9", "77606-2", "8287-5"],
  ...["8289-1", "38208-5", "8884-9"],
  ...["72166-2", "82810-3", "11996-6", "10230-1", "8601-7", "80954-1"],
]);

describe("the table of common tests", () => {
  it("names each code once in every file", () => {
    for (const locale of locales) {
      const keys = [...raw(locale).matchAll(/^ {2}"([^"]+)": \{$/gm)].map((match) => match[1]);
      expect(keys.length, locale).toBe(new Set(keys).size);
      expect(keys, locale).toEqual(codes);
    }
  });

  it("holds LOINC codes only, with their check digit", () => {
    const notLoinc = codes.filter((code) => !/^\d{1,6}-\d$/.test(code) || !checkDigitFits(code));
    expect(notLoinc).toEqual([]);
  });

  it("has at least 150 laboratory tests and the vital signs", () => {
    expect(codes.filter((code) => !notLaboratory.has(code)).length).toBeGreaterThanOrEqual(150);
    expect(vitalSigns.filter((code) => !english[code])).toEqual([]);
  });

  it.each(locales)("gives every test a plain name and search words in %s", (locale) => {
    const table = tables.get(locale) as Table;
    const incomplete = codes.filter(
      (code) => !table[code]?.name?.trim() || !table[code]?.words?.trim(),
    );
    expect(incomplete).toEqual([]);
  });

  it.each([
    ["ar", /\p{Script=Arabic}/u],
    ["zh", /\p{Script=Han}/u],
  ] as const)("writes the %s names in the language's own script", (locale, script) => {
    const table = tables.get(locale) as Table;
    const untranslated = codes.filter(
      (code) => !script.test(table[code]?.name ?? "") || !script.test(table[code]?.words ?? ""),
    );
    expect(untranslated).toEqual([]);
  });

  it.each(["es", "vi"] as const)("translates the names into %s, not copies them", (locale) => {
    const table = tables.get(locale) as Table;
    // A few names are the same word in both languages (Insulin, Vitamin D in Vietnamese).
    const copied = codes.filter((code) => table[code]?.name === english[code]?.name);
    expect(copied.length).toBeLessThan(codes.length / 20);
  });
});

/** LOINC's mod-10 check digit (loinc.org/kb/faq/structure): the digit after the hyphen. */
function checkDigitFits(code: string): boolean {
  const [body = "", check] = code.split("-");
  const digits = [...body].reverse().map(Number);
  let sum = 0;
  digits.forEach((digit, index) => {
    const value = index % 2 === 0 ? digit * 2 : digit;
    sum += value > 9 ? value - 9 : value;
  });
  return (10 - (sum % 10)) % 10 === Number(check);
}

/**
 * The fixture records Hearth did not make (../shared/fixtures/fhir/synthea and more/): every
 * LOINC code their Observations use in two files or more is in the table, so their common
 * results get plain names. Codes left out, with the reason.
 */
const leftOut: Record<string, string> = {
  "11341-5": "History of occupation: a social-history answer, not a test",
};

describe("the fixture records' tests", () => {
  const root = new URL("../../../../shared/fixtures/fhir/", import.meta.url);
  const files = ["synthea/", "more/"].flatMap((folder) =>
    readdirSync(new URL(folder, root))
      .filter((name) => name.endsWith(".json"))
      .map((name) => new URL(`${folder}${name}`, root)),
  );

  it("finds fixture files to read", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("has every LOINC code used by Observations in two files or more", () => {
    const filesOf = new Map<string, number>();
    for (const file of files) {
      for (const code of observationLoincCodes(JSON.parse(readFileSync(file, "utf8")))) {
        filesOf.set(code, (filesOf.get(code) ?? 0) + 1);
      }
    }
    const common = [...filesOf].filter(([, n]) => n >= 2).map(([code]) => code);
    expect(common.length).toBeGreaterThan(40);
    expect(common.filter((code) => !english[code] && !leftOut[code]).sort()).toEqual([]);
  });
});

/** The LOINC codes of every Observation (and its components) anywhere in a file. */
function observationLoincCodes(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) observationLoincCodes(item, found);
  } else if (typeof value === "object" && value !== null) {
    const object = value as Record<string, unknown>;
    if (object.resourceType === "Observation") {
      const parts = [object, ...(Array.isArray(object.component) ? object.component : [])];
      for (const part of parts) {
        const coding = (part as { code?: { coding?: unknown } }).code?.coding;
        for (const one of Array.isArray(coding) ? coding : []) {
          const { system, code } = one as { system?: string; code?: string };
          if (code && system?.includes("loinc")) found.add(code);
        }
      }
    }
    for (const inner of Object.values(object)) observationLoincCodes(inner, found);
  }
  return found;
}
