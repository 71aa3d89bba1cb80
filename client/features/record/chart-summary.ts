import { calendarDays } from "../../../shared/fhir-when.ts";
import { formatWhen } from "../../i18n/format-when.ts";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { flagAgainstRange, formatAmount } from "./measure-text.ts";
import type { MeasureHistory } from "./result-history.ts";

/**
 * The chart's text alternative, one sentence a screen reader reads in place of the picture
 * (WCAG 1.1.1), saying what a sighted reader takes from it: how many results, since when, the
 * latest, and how it stands against the normal range.
 *
 * @example chartSummary(glucose) // "Glucose: 7 results since 2019; latest 112 mg/dL on 3 May 2024, above the range 70–99 mg/dL"
 */
export function chartSummary(history: MeasureHistory, locale = currentLocale()): string {
  const dated = history.points.filter((point) => point.when !== undefined);
  const latest = dated[0] ?? history.points[0];
  if (!latest) return history.name;
  const oldest = dated.at(-1);
  const measure = latest.measure;
  const value = measure.amount
    ? formatAmount(measure.amount, locale)
    : (measure.valueText ??
      (measure.answer === undefined ? "" : t(measure.answer ? "record.yes" : "record.no")));
  const date =
    latest.when === undefined ? t("record.dateUnknown") : formatWhen(latest.when, {}, locale);
  const base = t("record.summary.latest", {
    name: history.name,
    count: history.points.length,
    since: oldest?.when
      ? formatWhen(calendarDays(oldest.when).first.slice(0, 4), {}, locale)
      : t("record.dateUnknown"),
    value,
    date,
  });
  const flag = flagAgainstRange(measure.flag, measure.range ?? history.range);
  return flag ? t("record.summary.withFlag", { summary: base, flag }) : base;
}
