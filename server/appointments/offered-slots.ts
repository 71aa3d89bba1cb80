import type {
  AvailabilityOverride,
  TemplatePeriod,
  VisitType,
} from "../../shared/contracts/appointments.ts";
import { addDays, instantAt, minutesOf, timeOf, weekdayOf } from "./zoned-time.ts";

/** A slot the availability offers, booked or not. */
export interface OfferedSlot {
  start: Date;
  end: Date;
  visitType: VisitType;
}

interface Period {
  startTime: string;
  endTime: string;
  visitType: VisitType;
  slotMinutes: number;
}

/**
 * The slots a schedule offers on the local dates `from` to `to` (inclusive): the weekly
 * template, except dates with a one-off change, where the change's hours replace it (or
 * nothing, when closed). Each period is cut into slots from its start; a slot that would run
 * past the period's end is not offered. A wall time that does not exist on a DST day is
 * skipped; one that happens twice counts once.
 *
 * @example offeredSlots(template, overrides, "America/New_York", "2026-03-02", "2026-03-08")
 */
export function offeredSlots(
  template: readonly TemplatePeriod[],
  overrides: readonly AvailabilityOverride[],
  timeZone: string,
  from: string,
  to: string,
): OfferedSlot[] {
  const slots: OfferedSlot[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const period of periodsOn(date, template, overrides)) {
      const last = minutesOf(period.endTime) - period.slotMinutes;
      for (let at = minutesOf(period.startTime); at <= last; at += period.slotMinutes) {
        const start = instantAt(date, timeOf(at), timeZone);
        if (!start) continue;
        slots.push({
          start,
          end: new Date(start.getTime() + period.slotMinutes * 60_000),
          visitType: period.visitType,
        });
      }
    }
  }
  // Unique by start: the schedule's grid, as the database's one-per-slot rule sees it.
  const byStart = new Map(slots.map((slot) => [slot.start.getTime(), slot]));
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

function periodsOn(
  date: string,
  template: readonly TemplatePeriod[],
  overrides: readonly AvailabilityOverride[],
): Period[] {
  const changes = overrides.filter((override) => override.date === date);
  if (changes.length > 0) {
    return changes.flatMap((change) => (change.kind === "open" ? [change] : []));
  }
  const weekday = weekdayOf(date);
  return template.filter((period) => period.weekday === weekday);
}

/**
 * Periods of one weekday that overlap would offer two slots at once on one schedule; the
 * editor refuses them. Answers the index of the first period that overlaps an earlier one.
 */
export function firstOverlap(periods: readonly (Period & { weekday?: number })[]): number {
  for (let i = 0; i < periods.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = periods[i] as Period & { weekday?: number };
      const b = periods[j] as Period & { weekday?: number };
      if (a.weekday !== b.weekday) continue;
      if (
        minutesOf(a.startTime) < minutesOf(b.endTime) &&
        minutesOf(b.startTime) < minutesOf(a.endTime)
      ) {
        return i;
      }
    }
  }
  return -1;
}
