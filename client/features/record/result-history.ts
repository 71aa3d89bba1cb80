import { type FhirWhen, whenStart } from "../../../shared/fhir-when.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import type { Amount } from "./fhir-read.ts";
import { type Flag, type Measure, measuresOf, type ReferenceRange } from "./result-flags.ts";

/** One result of one test, at one time: a row of the history table, a point on the chart. */
export interface HistoryPoint {
  /** The Observation it came from (its detail page). */
  id: string;
  /** When it was measured, as the record gives it; undefined when it gives no date. */
  when: FhirWhen | undefined;
  /** Its place on the chart's time axis, in milliseconds (whenStart of `when`). */
  time: number | undefined;
  measure: Measure;
}

/** The history of one thing measured, newest first. */
export interface MeasureHistory {
  key: string;
  name: string;
  points: HistoryPoint[];
  /** The range of the newest result that has one: ranges change when labs change methods. */
  range: ReferenceRange | undefined;
  /** The unit most results use; the chart plots only those, so it never mixes mg/dL and mmol/L. */
  unit: string | undefined;
}

/**
 * Gathers, from Observations of one code, the history of each thing measured: one history for
 * a plain test, one per component for blood pressure.
 */
export function historiesOf(observations: readonly DeviceResource[]): MeasureHistory[] {
  const byKey = new Map<string, MeasureHistory>();
  const sorted = [...observations].sort(newestFirst);
  for (const row of sorted) {
    const when = row.effectiveAt ?? undefined;
    const time = when ? whenStart(when) : undefined;
    for (const measure of measuresOf(row.resource)) {
      const history = byKey.get(measure.key) ?? {
        key: measure.key,
        name: measure.name,
        points: [],
        range: undefined,
        unit: undefined,
      };
      history.points.push({ id: row.id, when, time, measure });
      history.range ??= measure.range;
      byKey.set(measure.key, history);
    }
  }
  for (const history of byKey.values()) history.unit = commonUnit(history.points);
  return [...byKey.values()];
}

/** Newest first by effective date; undated rows last. */
export function newestFirst(a: { effectiveAt: string | null }, b: { effectiveAt: string | null }) {
  if (a.effectiveAt === b.effectiveAt) return 0;
  if (a.effectiveAt === null) return 1;
  if (b.effectiveAt === null) return -1;
  return a.effectiveAt < b.effectiveAt ? 1 : -1;
}

function commonUnit(points: readonly HistoryPoint[]): string | undefined {
  const counts = new Map<string, number>();
  for (const point of points) {
    const unit = point.measure.amount?.unit ?? "";
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
  }
  let best: string | undefined;
  let most = 0;
  for (const [unit, n] of counts) {
    if (n > most) [best, most] = [unit, n];
  }
  return best || undefined;
}

/** The points a chart can plot: dated, numeric, in the history's common unit; oldest first. */
export function plottable(
  history: MeasureHistory,
): Array<{ id: string; time: number; amount: Amount; flag: Flag | undefined }> {
  return history.points
    .flatMap((point) => {
      const amount = point.measure.amount;
      if (point.time === undefined || !amount) return [];
      if ((amount.unit ?? undefined) !== history.unit) return [];
      return [{ id: point.id, time: point.time, amount, flag: point.measure.flag }];
    })
    .reverse();
}
