/**
 * Wall-clock times in a clinic's time zone, turned into instants and back with Intl alone.
 * Availability is written as wall time ("Mondays 09:00–12:00, New York"), because that is how a
 * clinic thinks; appointments are stored as UTC instants, because that is what never moves.
 * The conversion is where daylight saving time bites, so it lives here, tested on its own.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at `instant`: "YYYY-MM-DD" and "HH:MM". */
export function wallClockAt(instant: Date, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in minutes. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const { date, time } = wallClockAt(instant, timeZone);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  const whole = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - whole) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` reads `date` `time`, or null when that
 * wall time does not exist there (the hour skipped when clocks go forward). In the hour that
 * happens twice when clocks go back, the first one is answered.
 *
 * @example instantAt("2026-03-09", "09:00", "America/New_York") // 2026-03-09T13:00:00.000Z
 */
export function instantAt(date: string, time: string, timeZone: string): Date | null {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc)) return null;
  // Try the offsets in force a day either side: one of them is the offset at the answer.
  const candidates = [-1, 1]
    .map((days) => offsetMinutes(new Date(asUtc + days * 86_400_000), timeZone))
    .map((offset) => new Date(asUtc - offset * 60_000))
    .filter((instant) => {
      const wall = wallClockAt(instant, timeZone);
      return wall.date === date && wall.time === time;
    })
    .sort((a, b) => a.getTime() - b.getTime());
  return candidates[0] ?? null;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Minutes since midnight of "HH:MM". */
export function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** "HH:MM" of minutes since midnight. */
export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Whether `timeZone` is a zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}
