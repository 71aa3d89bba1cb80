import { currentLocale } from "../../i18n/i18n.ts";

/** "25 Nov 2026, 10:42" in the current language: when something happened, to the minute. */
export function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}
