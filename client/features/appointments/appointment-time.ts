import { currentLocale } from "../../i18n/i18n.ts";

/**
 * Appointment times in the person's own time zone (the device's) and language, through Intl.
 * Stored instants are UTC; nothing here does arithmetic on wall clocks.
 */

/** "Monday 9 March 2026 at 09:00": the whole date and time, as a slot's accessible name. */
export function formatWhenInFull(instant: string, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short" }).format(
    new Date(instant),
  );
}

/** "Monday 9 March 2026": a day, for the date choice. */
export function formatDay(instant: string | Date, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "full" }).format(new Date(instant));
}

/** "09:00 – 09:30" in the person's language. */
export function formatRange(start: string, end: string, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).formatRange(
    new Date(start),
    new Date(end),
  );
}

/** The device's calendar date of an instant, "YYYY-MM-DD": slots grouped by the person's day. */
export function localDayKey(instant: string): string {
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The person's time zone, named in their language ("Eastern Standard Time"), for the page. */
export function timeZoneName(locale = currentLocale()): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZoneName: "long" }).formatToParts(new Date());
  return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
}
