import * as v from "valibot";
import { isCalendarDay, sentInstant } from "../fhir-when.ts";

/**
 * Dates in requests. valibot's `isoDate` and `isoTimestamp` check the shape only, so
 * "2026-02-30" passed them; these add that the day exists (shared/fhir-when.ts).
 */
export const calendarDate = v.pipe(v.string(), v.trim(), v.isoDate(), v.check(isCalendarDay));

/** An instant as `Date.toISOString()` writes it: UTC, milliseconds, `Z`. */
export const instant = v.pipe(
  v.string(),
  v.maxLength(40),
  v.isoTimestamp(),
  v.check((text) => sentInstant(text) !== undefined),
);
