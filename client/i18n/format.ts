import { currentLocale } from "./i18n.ts";

/**
 * Dates and times go through Intl so each language writes them its own way (day/month order,
 * digits, 12 or 24 hours). Both read the current language, so they re-render when it changes.
 *
 * @example formatDate(profile.savedAt) // "25 November 2025" in English, "2025年11月25日" in Chinese
 */
export function formatDate(value: Date | string | number, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(value));
}

/**
 * A moment this device saw (a sync, a message sent): its time today, else its date and time,
 * joined as the language joins them (Intl), not with a comma written here.
 *
 * @example formatMoment(syncedAt) // "10:42 AM" today, "November 25, 2025 at 10:42 AM" another day
 */
export function formatMoment(
  value: Date | string | number,
  today = new Date(),
  locale = currentLocale(),
): string {
  const at = new Date(value);
  if (at.toDateString() === today.toDateString()) return formatTime(at, locale);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short" }).format(at);
}

/** @example formatTime(profile.savedAt) // "10:42 AM" in English, "10:42" in Spanish */
export function formatTime(value: Date | string | number, locale = currentLocale()): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short" }).format(new Date(value));
}

/**
 * A wait, in words of the current language ("45 seconds", "2 minutes", "٢ دقيقتان"), through
 * Intl's units, so no language needs its own plural rules in the locale files. Rounded up.
 *
 * @example formatWait(150) // "3 minutes"
 */
export function formatWait(seconds: number, locale = currentLocale()): string {
  const [value, unit] = seconds < 90 ? [seconds, "second"] : [Math.ceil(seconds / 60), "minute"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
}

/**
 * A list in the current language's way ("hives and rash", "hives y rash", "hives وrash"), so no
 * separator or "and" is written in code.
 *
 * @example formatList(["Hives", "Rash"]) // "Hives and Rash"
 */
export function formatList(
  items: readonly string[],
  type: "conjunction" | "disjunction" = "conjunction",
  locale = currentLocale(),
): string {
  return new Intl.ListFormat(locale, { type }).format(items);
}
