import type { ErrorCode } from "../../../shared/errors.ts";

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
