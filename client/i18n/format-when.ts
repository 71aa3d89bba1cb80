import { type FhirWhen, whenPrecision, whenStart } from "../../shared/fhir-when.ts";
import { currentLocale } from "./i18n.ts";

// Apart from format.ts, which the sign-in page loads: only the record's pages need this.

/**
 * When something in the record happened, at the precision the clinic wrote it
 * (docs/decisions/0023-calendar-dates.md): a calendar date is written for its own day in every
 * time zone ("2019", "May 2019", "10 May 2019"), an instant in the viewer's zone, and with
 * `time` its time of day and the zone's name ("10 May 2019, 9:30 AM PDT").
 *
 * @example formatWhen("2019-05") // "May 2019"
 */
export function formatWhen(
  when: FhirWhen,
  options: { time?: boolean } = {},
  locale = currentLocale(),
): string {
  const at = new Date(whenStart(when));
  const calendar = { timeZone: "UTC" } as const;
  switch (whenPrecision(when)) {
    case "year":
      return new Intl.DateTimeFormat(locale, { ...calendar, year: "numeric" }).format(at);
    case "month":
      return new Intl.DateTimeFormat(locale, {
        ...calendar,
        year: "numeric",
        month: "long",
      }).format(at);
    case "day":
      return new Intl.DateTimeFormat(locale, { ...calendar, dateStyle: "long" }).format(at);
    case "instant":
      return new Intl.DateTimeFormat(
        locale,
        options.time
          ? {
              year: "numeric",
              month: "long",
              day: "numeric",
              hour: "numeric",
              minute: "2-digit",
              timeZoneName: "short",
            }
          : { dateStyle: "long" },
      ).format(at);
  }
}
