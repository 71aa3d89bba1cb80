import { currentLocale, t } from "../../i18n/i18n.ts";
import type { Amount } from "./fhir-read.ts";
import type { Flag, ReferenceRange } from "./result-flags.ts";

/**
 * UCUM units that Intl knows by name (ECMA-402 sanctioned units), so "72.4 kg" reads "72,4 kg"
 * in Spanish and "72.4公斤" in Chinese. Any other unit (mg/dL, mmol/L, mm[Hg]) is clinical
 * text, shown as the record wrote it beside an Intl-formatted number.
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

/** A number in the reader's language; up to three decimals, as labs report them. */
export function formatNumber(value: number, locale = currentLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}

/** The number and its unit as one piece of text: Intl's when it knows the unit. */
export function formatAmount(amount: Amount, locale = currentLocale()): string {
  const comparator = amount.comparator ?? "";
  const unit = amount.unit ? intlUnits[amount.unit] : undefined;
  if (unit) {
    const formatted = new Intl.NumberFormat(locale, {
      style: "unit",
      unit,
      maximumFractionDigits: 3,
    }).format(amount.value);
    return `${comparator}${formatted}`;
  }
  const number = `${comparator}${formatNumber(amount.value, locale)}`;
  return amount.unit ? `${number} ${amount.unit}` : number;
}

/** The unit as people read it, for table headers and axis titles (undefined when Intl says it). */
export function unitLabel(unit: string | undefined): string | undefined {
  return unit && !intlUnits[unit] ? unit : undefined;
}

/**
 * A reference range in words: "70–99 mg/dL", "below 200 mg/dL", "above 60", or the lab's own text.
 *
 * @example rangeText({ low: 70, high: 99, unit: "mg/dL" }) // "70–99 mg/dL"
 */
export function rangeText(range: ReferenceRange, locale = currentLocale()): string {
  const amount = (value: number) => formatAmount({ value, unit: range.unit }, locale);
  if (range.low !== undefined && range.high !== undefined) {
    const unit = range.unit && !intlUnits[range.unit] ? ` ${range.unit}` : "";
    const ends = intlUnits[range.unit ?? ""]
      ? [amount(range.low), amount(range.high)]
      : [formatNumber(range.low, locale), formatNumber(range.high, locale)];
    return t("record.range.between", { low: ends[0] as string, high: `${ends[1]}${unit}` });
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
