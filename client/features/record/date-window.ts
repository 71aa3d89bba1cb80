import type { ErrorCode } from "../../../shared/errors.ts";
import { type FhirWhen, whenInDays } from "../../../shared/fhir-when.ts";

/** A date as an `<input type="date">` gives it; anything else in the URL is ignored. */
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

export function cleanDay(value: unknown): string | undefined {
  return typeof value === "string" && isoDay.test(value) && !Number.isNaN(Date.parse(value))
    ? value
    : undefined;
}

/**
 * Checks a from–to filter. Both ends are optional; a window that ends before it starts finds
 * nothing, so it is refused with REC-402 rather than shown as an empty list.
 *
 * @example dateWindowProblem("2024-05-01", "2024-01-01") // "REC-402"
 */
export function dateWindowProblem(
  from: string | undefined,
  to: string | undefined,
): ErrorCode | undefined {
  if (from && to && from > to) return "REC-402";
  return undefined;
}

/**
 * The range of date keys (FhirWhen, docs/decisions/0023-calendar-dates.md) that can fall in a
 * window chosen on the viewer's calendar: wide enough for the partial dates of its first year
 * and for instants up to a day either side (the viewer's day is not UTC's), so an index range
 * over it, then `inDateWindow`, finds exactly what the window holds.
 */
export function windowKeyRange(window: { from?: string | undefined; to?: string | undefined }): {
  lower: string | undefined;
  upper: string | undefined;
} {
  const shift = (day: string, days: number) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return {
    lower: window.from ? shift(window.from, -1).slice(0, 4) : undefined,
    upper: window.to ? `${shift(window.to, 1)}T\uffff` : undefined,
  };
}

/** Whether something dated `when` falls in the window, as the viewer's calendar counts days. */
export function inDateWindow(
  when: FhirWhen | null | undefined,
  window: { from?: string | undefined; to?: string | undefined },
): boolean {
  if (!window.from && !window.to) return true;
  return when ? whenInDays(when, window.from, window.to) : false;
}
