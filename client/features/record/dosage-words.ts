import { isRecord } from "../../../shared/is-record.ts";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { isolate } from "./bidi.ts";
import { conceptCodes, conceptText, first, type Json, numberOf, text } from "./fhir-read.ts";
import { formatNumber } from "./measure-text.ts";

/**
 * A structured FHIR Dosage (hl7.org/fhir/R4/dosage.html) in the reader's words, for when the
 * clinic sent no `text`: "1 tablet twice a day, by mouth". Every word and every separator comes
 * from the locale files; the record's own words (an unknown route or unit, the reason for "as
 * needed") are marked with `isolate()` for `<Isolated>`. Undefined when nothing structured is
 * there to say.
 */
export function dosageWords(dosage: Json): string | undefined {
  const dose = doseWords(first(dosage.doseAndRate));
  const timing = timingWords(dosage.timing);
  const main =
    dose && timing.often
      ? t("record.dosage.doseOften", { dose, often: timing.often })
      : (dose ?? timing.often);
  const parts = [main, timing.when, asNeededWords(dosage), routeWords(dosage.route)].filter(
    (x): x is string => Boolean(x),
  );
  if (parts.length === 0) return undefined;
  return parts.reduce((sentence, next) => t("record.dosage.then", { first: sentence, next }));
}

/** Dose forms said in words, by the UCUM annotation, code or unit text a record uses for them. */
const doseForms: Record<string, DoseForm> = {
  "{tbl}": "tablet",
  "{tablet}": "tablet",
  "{tablets}": "tablet",
  tab: "tablet",
  tabs: "tablet",
  tablet: "tablet",
  tablets: "tablet",
  "732936001": "tablet",
  "385055001": "tablet",
  "{cap}": "capsule",
  "{capsule}": "capsule",
  cap: "capsule",
  caps: "capsule",
  capsule: "capsule",
  capsules: "capsule",
  "732937005": "capsule",
  "385049006": "capsule",
  "{puff}": "puff",
  "{puffs}": "puff",
  puff: "puff",
  puffs: "puff",
  "[drp]": "drop",
  "{drop}": "drop",
  "{drops}": "drop",
  drop: "drop",
  drops: "drop",
  gtt: "drop",
  "{patch}": "patch",
  patch: "patch",
  patches: "patch",
  "{spray}": "spray",
  spray: "spray",
  sprays: "spray",
  u: "unit",
  unit: "unit",
  units: "unit",
  ml: "milliliter",
  milliliter: "milliliter",
  milliliters: "milliliter",
};
type DoseForm = "tablet" | "capsule" | "puff" | "drop" | "patch" | "spray" | "unit" | "milliliter";

function doseFormOf(quantity: Json): DoseForm | undefined {
  for (const field of [quantity.code, quantity.unit]) {
    const key = text(field)?.trim().toLowerCase();
    const form = key ? doseForms[key] : undefined;
    if (form) return form;
  }
  return undefined;
}

/** "1 tablet", "1 to 2 tablets", "500 mg", "2 doses" (a number with no unit, as Synthea sends). */
function doseWords(doseAndRate: unknown): string | undefined {
  if (!isRecord(doseAndRate)) return undefined;
  const quantity = doseAndRate.doseQuantity;
  if (isRecord(quantity)) {
    const value = numberOf(quantity.value);
    return value === undefined ? undefined : amountWords(quantity, value, formatNumber(value));
  }
  const range = doseAndRate.doseRange;
  if (!isRecord(range) || !isRecord(range.high)) return undefined;
  const high = numberOf(range.high.value);
  if (high === undefined) return undefined;
  const low = isRecord(range.low) ? numberOf(range.low.value) : undefined;
  const number =
    low === undefined
      ? formatNumber(high)
      : t("record.dosage.between", { low: formatNumber(low), high: formatNumber(high) });
  return amountWords(range.high, high, number);
}

/** `count` picks the plural form; `number` is what is written (one number, or "1 to 2"). */
function amountWords(quantity: Json, count: number, number: string): string {
  const form = doseFormOf(quantity);
  if (form) return t(`record.dosage.forms.${form}`, { count, number });
  const unit = text(quantity.unit) ?? text(quantity.code);
  if (!unit) return t("record.dosage.forms.dose", { count, number });
  return t("record.dosage.amount", { number, unit: isolate(unit) });
}

type PeriodUnit = "min" | "h" | "d" | "wk" | "mo" | "a";
const periodUnits: readonly PeriodUnit[] = ["min", "h", "d", "wk", "mo", "a"];

interface Repeat {
  frequency?: number;
  frequencyMax?: number;
  period?: number;
  periodMax?: number;
  periodUnit?: PeriodUnit;
  when?: string[];
}

/**
 * The HL7 timing abbreviations (v3-GTSAbbreviation) as the repeat they stand for, for a record
 * that sends `timing.code` alone.
 */
const abbreviations: Record<string, Repeat> = {
  QD: { frequency: 1, period: 1, periodUnit: "d" },
  BID: { frequency: 2, period: 1, periodUnit: "d" },
  TID: { frequency: 3, period: 1, periodUnit: "d" },
  QID: { frequency: 4, period: 1, periodUnit: "d" },
  QOD: { frequency: 1, period: 2, periodUnit: "d" },
  Q1H: { frequency: 1, period: 1, periodUnit: "h" },
  Q2H: { frequency: 1, period: 2, periodUnit: "h" },
  Q3H: { frequency: 1, period: 3, periodUnit: "h" },
  Q4H: { frequency: 1, period: 4, periodUnit: "h" },
  Q6H: { frequency: 1, period: 6, periodUnit: "h" },
  Q8H: { frequency: 1, period: 8, periodUnit: "h" },
  WK: { frequency: 1, period: 1, periodUnit: "wk" },
  MO: { frequency: 1, period: 1, periodUnit: "mo" },
  AM: { when: ["MORN"] },
  PM: { when: ["EVE"] },
  BED: { when: ["HS"] },
};

/** Event timings (hl7.org/fhir/R4/valueset-event-timing) the locale files say in words. */
const eventTimings = [
  "MORN",
  "AFT",
  "EVE",
  "NIGHT",
  "HS",
  "WAKE",
  "C",
  "CM",
  "CD",
  "CV",
  "AC",
  "ACM",
  "ACD",
  "ACV",
  "PC",
  "PCM",
  "PCD",
  "PCV",
] as const;

function repeatOf(timing: unknown): Repeat | undefined {
  if (!isRecord(timing)) return undefined;
  const repeat = timing.repeat;
  if (isRecord(repeat)) {
    const unit = periodUnits.find((u) => u === repeat.periodUnit);
    const positive = (v: unknown) => {
      const n = numberOf(v);
      return n !== undefined && n > 0 ? n : undefined;
    };
    const found: Repeat = {};
    const frequency = positive(repeat.frequency);
    const frequencyMax = positive(repeat.frequencyMax);
    const period = positive(repeat.period);
    const periodMax = positive(repeat.periodMax);
    if (frequency !== undefined) found.frequency = frequency;
    if (frequencyMax !== undefined && frequencyMax !== frequency) found.frequencyMax = frequencyMax;
    if (period !== undefined) found.period = period;
    if (periodMax !== undefined && periodMax !== period) found.periodMax = periodMax;
    if (unit) found.periodUnit = unit;
    if (Array.isArray(repeat.when)) {
      found.when = repeat.when.filter((w): w is string => typeof w === "string");
    }
    return found;
  }
  const code = conceptCodes(timing.code)
    .map((key) => key.slice(key.indexOf("|") + 1).toUpperCase())
    .find((c) => c in abbreviations);
  return code ? abbreviations[code] : undefined;
}

/** How often ("twice a day", "every 4 to 6 hours") and when ("in the morning and at bedtime"). */
function timingWords(timing: unknown): { often?: string; when?: string } {
  const repeat = repeatOf(timing);
  if (!repeat) {
    // A timing code we do not know (a clinic's own), as the record wrote it.
    const own = isRecord(timing) ? conceptText(timing.code) : undefined;
    return own ? { often: isolate(own) } : {};
  }
  const words: { often?: string; when?: string } = {};
  const often = oftenWords(repeat);
  if (often) words.often = often;
  const when = (repeat.when ?? [])
    .map((code) => eventTimings.find((known) => known === code))
    .filter((code): code is (typeof eventTimings)[number] => Boolean(code))
    .map((code) => t(`record.dosage.when.${code}`));
  if (when.length > 0) words.when = formatList(when);
  return words;
}

function oftenWords(repeat: Repeat): string | undefined {
  const unit = repeat.periodUnit;
  if (!unit || repeat.period === undefined) return undefined;
  const frequency = repeat.frequency ?? 1;
  const times =
    repeat.frequencyMax !== undefined
      ? t("record.dosage.times", {
          count: repeat.frequencyMax,
          number: t("record.dosage.between", {
            low: formatNumber(frequency),
            high: formatNumber(repeat.frequencyMax),
          }),
        })
      : frequency === 2
        ? t("record.dosage.twice")
        : t("record.dosage.times", { count: frequency, number: formatNumber(frequency) });
  if (repeat.period === 1 && repeat.periodMax === undefined) {
    return t(`record.dosage.per.${unit}`, { times });
  }
  const longest = repeat.periodMax ?? repeat.period;
  const every = t(`record.dosage.every.${unit}`, {
    count: longest,
    number:
      repeat.periodMax !== undefined
        ? t("record.dosage.between", {
            low: formatNumber(repeat.period),
            high: formatNumber(repeat.periodMax),
          })
        : formatNumber(repeat.period),
  });
  return frequency === 1 && repeat.frequencyMax === undefined
    ? every
    : t("record.dosage.timesEvery", { times, every });
}

function asNeededWords(dosage: Json): string | undefined {
  const reason = conceptText(dosage.asNeededCodeableConcept);
  if (reason) return t("record.dosage.asNeededFor", { reason: isolate(reason) });
  return dosage.asNeededBoolean === true ? t("record.dosage.asNeeded") : undefined;
}

/** Routes in words, by their SNOMED CT code (the code system US Core and Synthea use). */
const routes: Record<string, Route> = {
  "26643006": "oral",
  "394899003": "oral",
  "34206005": "subcutaneous",
  "78421000": "intramuscular",
  "47625008": "intravenous",
  "6064005": "topical",
  "46713006": "nasal",
  "447694001": "inhaled",
  "18679011000001101": "inhaled",
  "37161004": "rectal",
  "16857009": "vaginal",
  "37839007": "sublingual",
  "45890007": "transdermal",
  "54485002": "eye",
  "10547007": "ear",
};
type Route =
  | "oral"
  | "subcutaneous"
  | "intramuscular"
  | "intravenous"
  | "topical"
  | "nasal"
  | "inhaled"
  | "rectal"
  | "vaginal"
  | "sublingual"
  | "transdermal"
  | "eye"
  | "ear";

function routeWords(route: unknown): string | undefined {
  const known = conceptCodes(route)
    .map((key) => routes[key.slice(key.indexOf("|") + 1)])
    .find(Boolean);
  if (known) return t(`record.dosage.routes.${known}`);
  const own = conceptText(route);
  return own ? t("record.dosage.routeNamed", { route: isolate(own) }) : undefined;
}
