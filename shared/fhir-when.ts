/**
 * When something in a record happened, as the clinic wrote it (docs/decisions/0023-calendar-dates.md).
 *
 * FHIR has two kinds of time (hl7.org/fhir/R4/datatypes.html): a `date` ("2019", "2019-05",
 * "2019-05-10") is a day on a calendar, true in every time zone, and a `dateTime` with a time is
 * an instant. Reading a date as midnight UTC and showing it in the viewer's zone puts anyone west
 * of UTC on the day before, so the two are kept apart from the importer to the screen:
 *
 * - a calendar date is kept exactly as written, at the precision written;
 * - an instant is kept as UTC ISO 8601 with milliseconds ("2019-05-10T14:00:00.000Z").
 *
 * Both are strings that sort chronologically as text (a shorter calendar date sorts before the
 * instants of its own period), so the server's index column, the device's Dexie indexes and the
 * pages all order and compare them the same way, with no parsing.
 */
export type FhirWhen = string;

export type WhenPrecision = "year" | "month" | "day" | "instant";

const shape =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/**
 * A FHIR date, dateTime or instant as a FhirWhen, or undefined for what is missing or is not a
 * real date ("2019-02-30"). A time with no zone (not allowed by FHIR, found in exports anyway)
 * is read as UTC, so the answer never depends on the zone of the machine reading it.
 *
 * @example fhirWhen("2019-05") // "2019-05"
 * @example fhirWhen("2019-05-10T09:30:00-05:00") // "2019-05-10T14:30:00.000Z"
 */
export function fhirWhen(value: unknown): FhirWhen | undefined {
  if (typeof value !== "string") return undefined;
  const match = shape.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = "00", fraction = "", zone] = match;
  if (hour === undefined) {
    const calendar = [year, month, day].filter((part) => part !== undefined).join("-");
    return isRealDay(Number(year), Number(month ?? "1"), Number(day ?? "1")) ? calendar : undefined;
  }
  if (!isRealDay(Number(year), Number(month), Number(day))) return undefined;
  const time = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${zone ?? "Z"}`,
  );
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** A JavaScript time (a Date or milliseconds), which is always an instant, as a FhirWhen. */
export function instantWhen(time: Date | number): FhirWhen {
  return new Date(time).toISOString();
}

export function whenPrecision(when: FhirWhen): WhenPrecision {
  if (when.length === 4) return "year";
  if (when.length === 7) return "month";
  if (when.length === 10) return "day";
  return "instant";
}

/**
 * The first moment of a FhirWhen in milliseconds, a calendar date taken at midnight UTC: for
 * placing points on a chart's time axis and for durations of days or more, never for showing.
 */
export function whenStart(when: FhirWhen): number {
  if (whenPrecision(when) !== "instant") {
    const [year, month = "01", day = "01"] = when.split("-");
    return Date.UTC(Number(year), Number(month) - 1, Number(day));
  }
  return Date.parse(when);
}

/** Newest first; what has no date goes last. For Array.prototype.sort. */
export function newestWhenFirst(a: FhirWhen | undefined | null, b: FhirWhen | undefined | null) {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? 1 : -1;
}

/** Oldest (or soonest) first; what has no date goes last. For Array.prototype.sort. */
export function oldestWhenFirst(a: FhirWhen | undefined | null, b: FhirWhen | undefined | null) {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}

/**
 * The calendar day ("YYYY-MM-DD") a FhirWhen falls on for someone in `timeZone`: a calendar
 * date is that date in every zone (a partial date gives its first and last day), an instant is
 * the viewer's local day. Used to match a "from … to …" filter chosen on a calendar.
 */
export function calendarDays(when: FhirWhen, timeZone?: string): { first: string; last: string } {
  switch (whenPrecision(when)) {
    case "year":
      return { first: `${when}-01-01`, last: `${when}-12-31` };
    case "month": {
      const [year, month] = when.split("-").map(Number) as [number, number];
      const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
      return { first: `${when}-01`, last: `${when}-${String(lastDay).padStart(2, "0")}` };
    }
    case "day":
      return { first: when, last: when };
    case "instant": {
      // en-CA writes dates as YYYY-MM-DD; only the digits are used.
      const day = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }).format(new Date(when));
      return { first: day, last: day };
    }
  }
}

/** Today's calendar day ("YYYY-MM-DD") where the viewer is. */
export function today(timeZone?: string, now = Date.now()): string {
  return calendarDays(instantWhen(now), timeZone).first;
}

/** Whether a FhirWhen is wholly before today where the viewer is (a due date that has passed). */
export function whenPassed(when: FhirWhen, timeZone?: string, now = Date.now()): boolean {
  return calendarDays(when, timeZone).last < today(timeZone, now);
}

/** Whether a FhirWhen touches the days from `from` to `to` ("YYYY-MM-DD", either open). */
export function whenInDays(
  when: FhirWhen,
  from: string | undefined,
  to: string | undefined,
  timeZone?: string,
): boolean {
  const { first, last } = calendarDays(when, timeZone);
  return (from === undefined || last >= from) && (to === undefined || first <= to);
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether `text` is a whole calendar day that exists: "2026-02-28" is, "2026-02-30" and
 * "2026-2-3" are not. The one check of dates a person or device sends (docs/security.md).
 */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An instant sent as text (a date, a time and a zone, as `Date.toISOString()` writes it), or
 * undefined when it is not one or its day does not exist. `new Date("2026-02-30T10:00Z")`
 * silently answers 2 March; this does not.
 *
 * @example sentInstant("2026-02-30T10:00:00.000Z") // undefined
 */
export function sentInstant(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) {
    return undefined;
  }
  const when = fhirWhen(text);
  return when === undefined ? undefined : new Date(when);
}
