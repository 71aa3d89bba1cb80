import { isRecord } from "../../../shared/is-record.ts";
import {
  type Amount,
  amountOf,
  conceptCodes,
  conceptText,
  first,
  type Json,
  numberOf,
  text,
} from "./fhir-read.ts";

/**
 * How a value stands against what is expected, in the words the pages use. "critical-*" are
 * the laboratory's panic values; "abnormal" is said when a lab flags a value without saying
 * which way (a positive test, an odd shape).
 */
export type Flag =
  | "normal"
  | "high"
  | "low"
  | "abnormal"
  | "critical-high"
  | "critical-low"
  | "critical";

/** Where a flag came from: the laboratory's own interpretation, or our comparison with the range. */
export type FlagSource = "interpretation" | "range";

/** The range a value is compared with, as the record states it. */
export interface ReferenceRange {
  low?: number | undefined;
  high?: number | undefined;
  unit?: string | undefined;
  /** The LOINC code of what the range is for (see Amount.of). */
  of?: string | undefined;
  /** Free text the lab gave instead of (or beside) numbers ("negative", "<5 years: 10–20"). */
  text?: string | undefined;
}

/**
 * HL7 v3 ObservationInterpretation codes (terminology.hl7.org/CodeSystem/v3-ObservationInterpretation),
 * plus the v2 table 0078 spellings older systems send. Codes not listed here (susceptibility
 * results, "IND", …) say nothing about high or low, so the range decides instead.
 */
const interpretationFlags: Record<string, Flag> = {
  N: "normal",
  H: "high",
  HU: "high",
  ">": "high",
  L: "low",
  LU: "low",
  "<": "low",
  HH: "critical-high",
  LL: "critical-low",
  AA: "critical",
  A: "abnormal",
  POS: "abnormal",
  DET: "abnormal",
  NEG: "normal",
  ND: "normal",
};

/**
 * The flag of a value: the lab's interpretation when it gave a known one, else computed from
 * the reference range, else none (undefined) — a value with nothing to compare it to is not
 * called normal.
 *
 * @example flagOf([{ coding: [{ code: "H" }] }], 7.2, undefined) // { flag: "high", source: "interpretation" }
 * @example flagOf(undefined, 112, { low: 70, high: 99 })       // { flag: "high", source: "range" }
 */
export function flagOf(
  interpretation: unknown,
  value: number | undefined,
  range: ReferenceRange | undefined,
): { flag: Flag; source: FlagSource } | undefined {
  for (const key of conceptCodes(interpretation)) {
    const code = key.slice(key.indexOf("|") + 1).toUpperCase();
    const flag = interpretationFlags[code];
    if (flag) return { flag, source: "interpretation" };
  }
  if (value === undefined || !range) return undefined;
  if (range.high !== undefined && value > range.high) return { flag: "high", source: "range" };
  if (range.low !== undefined && value < range.low) return { flag: "low", source: "range" };
  if (range.high === undefined && range.low === undefined) return undefined;
  return { flag: "normal", source: "range" };
}

/**
 * The range that applies to this person. FHIR allows several (by age, sex, or a "normal" next
 * to a "therapeutic" one); the first with no `type` or of type "normal" is the usual one.
 */
export function referenceRangeOf(ranges: unknown): ReferenceRange | undefined {
  const list = Array.isArray(ranges) ? ranges.filter(isRecord) : [];
  const chosen =
    list.find((range) => {
      const codes = conceptCodes(range.type);
      return codes.length === 0 || codes.some((code) => code.endsWith("|normal"));
    }) ?? list[0];
  if (!chosen) return undefined;
  const low = amountOf(chosen.low);
  const high = amountOf(chosen.high);
  const range: ReferenceRange = {
    low: low?.value,
    high: high?.value,
    unit: low?.unit ?? high?.unit,
    text: text(chosen.text),
  };
  if (range.low === undefined && range.high === undefined && !range.text) return undefined;
  return range;
}

/**
 * One thing measured: an Observation's own value, or one component of it (blood pressure has
 * two, systolic and diastolic, each with its own code, range and flag).
 */
export interface Measure {
  /** "system|code" of what was measured: the key its history is gathered by. */
  key: string;
  name: string;
  amount?: Amount | undefined;
  /** A value that is not a number (coded, text, yes/no), as the record wrote it. */
  valueText?: string | undefined;
  /** A yes/no answer (valueBoolean), said in the reader's language. */
  answer?: boolean | undefined;
  range?: ReferenceRange | undefined;
  flag?: Flag | undefined;
  flagSource?: FlagSource | undefined;
}

/** The measures of an Observation: its components when it has some values there, else itself. */
export function measuresOf(observation: Json): Measure[] {
  const components = Array.isArray(observation.component)
    ? observation.component.filter(isRecord)
    : [];
  const measured = components.filter((c) => hasValue(c));
  if (measured.length > 0) return inPressureOrder(measured).map((c) => measureOf(c));
  return [measureOf(observation)];
}

/** LOINC systolic (8480-6) and diastolic (8462-4) blood pressure, in the order people say them. */
const pressureOrder = ["8480-6", "8462-4"];

/**
 * Components with systolic first and diastolic second, found by their LOINC codes, never by
 * their place in the file; any others keep their order after them.
 */
export function inPressureOrder<T extends Json>(components: T[]): T[] {
  const rank = (c: T) => {
    const code = conceptCodes(c.code)
      .filter((key) => key.startsWith("http://loinc.org|") || key.startsWith("|"))
      .map((key) => key.slice(key.indexOf("|") + 1))
      .find((k) => pressureOrder.includes(k));
    return code ? pressureOrder.indexOf(code) : pressureOrder.length;
  };
  // Array.prototype.sort is stable, so components that are neither keep the record's order.
  return [...components].sort((a, b) => rank(a) - rank(b));
}

/** The name of what an Observation (or report) is about. */
export function nameOf(resource: Json): string {
  return conceptText(resource.code) ?? "";
}

/** The key an Observation's history is gathered by: its first coding, else its name. */
export function keyOf(element: Json): string {
  return conceptCodes(element.code)[0] ?? `|${nameOf(element)}`;
}

function hasValue(element: Json): boolean {
  return Object.keys(element).some((key) => key.startsWith("value"));
}

/** The LOINC code of an element (an Observation or a component), if it has one. */
export function loincOf(element: Json): string | undefined {
  return conceptCodes(element.code)
    .find((code) => code.startsWith(`${loinc}|`))
    ?.slice(loinc.length + 1);
}
const loinc = "http://loinc.org";

function measureOf(element: Json): Measure {
  const of = loincOf(element);
  const quantity = amountOf(element.valueQuantity);
  const amount = quantity
    ? { ...quantity, of }
    : numberOf(element.valueInteger) !== undefined
      ? { value: element.valueInteger as number, of }
      : undefined;
  const found = referenceRangeOf(element.referenceRange);
  const range = found ? { ...found, of } : undefined;
  const flagged = flagOf(element.interpretation, amount?.value, range);
  return {
    key: keyOf(element),
    name: nameOf(element),
    amount,
    valueText: amount ? undefined : valueText(element),
    answer: typeof element.valueBoolean === "boolean" ? element.valueBoolean : undefined,
    range,
    flag: flagged?.flag,
    flagSource: flagged?.source,
  };
}

function valueText(element: Json): string | undefined {
  return (
    conceptText(element.valueCodeableConcept) ??
    text(element.valueString) ??
    text(element.valueDateTime) ??
    conceptText(first(element.dataAbsentReason))
  );
}

/** Flags worth a person's attention: anything but normal. */
export function isOutOfRange(flag: Flag | undefined): boolean {
  return flag !== undefined && flag !== "normal";
}
