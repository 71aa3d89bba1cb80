import { currentLocale, t } from "../../i18n/i18n.ts";
import type { Amount } from "./fhir-read.ts";
import type { Flag, ReferenceRange } from "./result-flags.ts";

/**
 * UCUM units that Intl knows by name (ECMA-402 sanctioned units), so "72.4 kg" reads "72,4 kg"
 * in Spanish and "72.4公斤" in Chinese. Every other UCUM code is written the way people write
 * it (`ucumSymbol`: mm[Hg] → mmHg, 10*3/uL → ×10³/µL) or, where a language says it in words
 * (per minute, beats per minute), by the locale files (`record.units.*`).
 */
const intlUnits: Record<string, string> = {
  kg: "kilogram",
  g: "gram",
  cm: "centimeter",
  m: "meter",
  Cel: "celsius",
  "[degF]": "fahrenheit",
  "%": "percent",
  L: "liter",
  mL: "milliliter",
  "[lb_av]": "pound",
  "[in_i]": "inch",
};

/** Heart rate and respiratory rate say what is counted per minute. */
const perMinuteOf: Record<string, "beatsPerMinute" | "breathsPerMinute"> = {
  "8867-4": "beatsPerMinute",
  "9279-1": "breathsPerMinute",
};

const superscript: Record<string, string> = {
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "-": "⁻",
};
const raise = (digits: string) => [...digits].map((c) => superscript[c] ?? c).join("");

/**
 * A UCUM code as people write it: annotations (`{score}`, `{cells}`) dropped except the body
 * surface one eGFR is normalised to, square brackets and their `_i`/`_av` qualifiers dropped,
 * powers raised (m2 → m², 10*3 → ×10³), micro as µ. Text that is not UCUM passes unchanged.
 *
 * @example ucumSymbol("mL/min/{1.73_m2}") // "mL/min/1.73 m²"
 */
export function ucumSymbol(code: string): string {
  return code
    .replace(/\{1\.73_?m2\}/g, "1.73 m2")
    .replace(/\{[^}]*\}/g, "")
    .replace(/\[degF\]/g, "°F")
    .replace(/\[pH\]/g, "")
    .replace(/\[([^\]_]+)(?:_[^\]]*)?\]/g, "$1")
    .replace(/(^|[^A-Za-z])Cel(?![A-Za-z])/g, "$1°C")
    .replace(/10[*^](-?\d+)/g, (_, power: string) => `×10${raise(power)}`)
    .replace(/(^|[/.\s])u(?=[A-Za-z])/g, "$1µ")
    .replace(
      /([A-Za-zµ])(-?\d+)(?=$|[/.\s])/g,
      (_, unit: string, power: string) => unit + raise(power),
    )
    .replace(/([A-Za-zµ²³])\.(?=[A-Za-zµ])/g, "$1·")
    .replace(/^1$/, "")
    .trim();
}

type UnitWords = "perMinute" | "beatsPerMinute" | "breathsPerMinute";

/** How a unit is shown: by Intl, in the locale's words around the number, or as a symbol. */
type UnitShape =
  | { kind: "intl"; unit: string }
  | { kind: "words"; key: UnitWords }
  | { kind: "symbol"; symbol: string }
  | { kind: "none" };

function unitShape(unit: string | undefined, of: string | undefined): UnitShape {
  if (!unit) return { kind: "none" };
  const intl = intlUnits[unit];
  if (intl) return { kind: "intl", unit: intl };
  const annotation = /^\{(beat|breath)s?\}\/min$/i.exec(unit)?.[1]?.toLowerCase();
  if (unit === "/min" || annotation || /^(beats|breaths)?\/min(ute)?$/i.test(unit)) {
    const key =
      annotation === "beat"
        ? "beatsPerMinute"
        : annotation === "breath"
          ? "breathsPerMinute"
          : ((of ? perMinuteOf[of] : undefined) ?? "perMinute");
    return { kind: "words", key };
  }
  const symbol = ucumSymbol(unit);
  return symbol ? { kind: "symbol", symbol } : { kind: "none" };
}

/** A number in the reader's language; up to three decimals, as labs report them. */
export function formatNumber(value: number, locale = currentLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}

/**
 * The number and its unit as one piece of text: Intl's when it knows the unit, the locale's
 * words for rates, else the UCUM symbol people write. `of` is the LOINC code of what was
 * measured, so a heart rate says "beats per minute".
 */
export function formatAmount(amount: Amount, locale = currentLocale(), of?: string): string {
  const comparator = amount.comparator ?? "";
  const shape = unitShape(amount.unit, of ?? amount.of);
  if (shape.kind === "intl") {
    const formatted = new Intl.NumberFormat(locale, {
      style: "unit",
      unit: shape.unit,
      maximumFractionDigits: 3,
    }).format(amount.value);
    return `${comparator}${formatted}`;
  }
  const number = `${comparator}${formatNumber(amount.value, locale)}`;
  if (shape.kind === "words") return t(`record.units.${shape.key}`, { value: number });
  if (shape.kind === "symbol")
    return t("record.units.amount", { value: number, unit: shape.symbol });
  return number;
}

/** The unit as people read it, for table headers and axis titles (undefined when Intl says it). */
export function unitLabel(unit: string | undefined, of?: string): string | undefined {
  const shape = unitShape(unit, of);
  if (shape.kind === "words") return t(`record.units.${shape.key}Label`);
  return shape.kind === "symbol" ? shape.symbol : undefined;
}

/**
 * A reference range in words: "70–99 mg/dL", "below 200 mg/dL", "above 60", or the lab's own text.
 *
 * @example rangeText({ low: 70, high: 99, unit: "mg/dL" }) // "70–99 mg/dL"
 */
export function rangeText(range: ReferenceRange, locale = currentLocale()): string {
  const amount = (value: number) => formatAmount({ value, unit: range.unit }, locale, range.of);
  if (range.low !== undefined && range.high !== undefined) {
    // The unit once, after the upper end, unless Intl writes it on each number.
    const shape = unitShape(range.unit, range.of);
    const low = shape.kind === "intl" ? amount(range.low) : formatNumber(range.low, locale);
    return t("record.range.between", { low, high: amount(range.high) });
  }
  if (range.high !== undefined) return t("record.range.below", { high: amount(range.high) });
  if (range.low !== undefined) return t("record.range.above", { low: amount(range.low) });
  return range.text ?? "";
}

/** A flag in words, never by colour alone: "High", "Critically low", "Normal". */
export function flagText(flag: Flag): string {
  return t(`record.flag.${flag}`);
}

/** The flag with how it stands against the range, for the chart's summary ("above the range 70–99"). */
export function flagAgainstRange(
  flag: Flag | undefined,
  range: ReferenceRange | undefined,
): string {
  if (!flag) return "";
  const words = range ? rangeText(range) : "";
  if (!words) return flagText(flag);
  if (flag === "high" || flag === "critical-high")
    return t("record.summary.aboveRange", { range: words });
  if (flag === "low" || flag === "critical-low")
    return t("record.summary.belowRange", { range: words });
  if (flag === "normal") return t("record.summary.inRange", { range: words });
  return t("record.summary.outsideRange", { range: words });
}
