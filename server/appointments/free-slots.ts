import { and, eq, gte, lt, ne } from "drizzle-orm";
import {
  type AvailabilityOverride,
  bookingHorizonDays,
  type FreeSlot,
  type TemplatePeriod,
  type VisitType,
} from "../../shared/contracts/appointments.ts";
import type { Database } from "../db/open.ts";
import {
  appointments,
  availabilityOverrides,
  availabilityTemplates,
  schedules,
} from "../db/schema.ts";
import type { Transaction } from "../records/patient-version.ts";
import { type OfferedSlot, offeredSlots } from "./offered-slots.ts";
import { addDays, wallClockAt } from "./zoned-time.ts";

type Reader = Database | Transaction;
export type Schedule = typeof schedules.$inferSelect;

/** A schedule with its weekly template and one-off changes. */
export interface ScheduleAvailability {
  schedule: Schedule;
  template: TemplatePeriod[];
  overrides: AvailabilityOverride[];
}

export async function loadAvailability(
  db: Reader,
  scheduleId: string,
): Promise<ScheduleAvailability | null> {
  const [schedule] = await db.select().from(schedules).where(eq(schedules.id, scheduleId));
  if (!schedule) return null;
  const template = await db
    .select({
      weekday: availabilityTemplates.weekday,
      startTime: availabilityTemplates.startTime,
      endTime: availabilityTemplates.endTime,
      visitType: availabilityTemplates.visitType,
      slotMinutes: availabilityTemplates.slotMinutes,
    })
    .from(availabilityTemplates)
    .where(eq(availabilityTemplates.scheduleId, scheduleId))
    .orderBy(availabilityTemplates.weekday, availabilityTemplates.startTime);
  const rows = await db
    .select()
    .from(availabilityOverrides)
    .where(eq(availabilityOverrides.scheduleId, scheduleId))
    .orderBy(availabilityOverrides.date, availabilityOverrides.startTime);
  const overrides = rows.map((row): AvailabilityOverride => {
    if (row.kind === "closed") return { id: row.id, date: row.date, kind: "closed" };
    return {
      id: row.id,
      date: row.date,
      kind: "open",
      startTime: row.startTime as string,
      endTime: row.endTime as string,
      visitType: row.visitType as VisitType,
      slotMinutes: row.slotMinutes as number,
    };
  });
  return { schedule, template, overrides };
}

/**
 * Slots of one kind the schedule offers from `now` to the booking horizon that no live
 * appointment holds. A read, not a promise: booking one is decided by the database's
 * one-per-slot index when the booking arrives.
 */
export async function freeSlots(
  db: Reader,
  availability: ScheduleAvailability,
  visitType: VisitType,
  now: Date,
  horizonDays = bookingHorizonDays,
): Promise<FreeSlot[]> {
  const { schedule } = availability;
  const today = wallClockAt(now, schedule.timeZone).date;
  const until = addDays(today, horizonDays);
  const offered = offeredSlots(
    availability.template,
    availability.overrides,
    schedule.timeZone,
    today,
    until,
  ).filter((slot) => slot.visitType === visitType && slot.start > now);
  const last = offered.at(-1);
  if (!last) return [];
  const taken = await db
    .select({ start: appointments.start })
    .from(appointments)
    .where(
      and(
        eq(appointments.scheduleId, schedule.id),
        ne(appointments.status, "cancelled"),
        gte(appointments.start, now),
        lt(appointments.start, last.end),
      ),
    );
  const takenAt = new Set(taken.map((row) => row.start.getTime()));
  return offered
    .filter((slot) => !takenAt.has(slot.start.getTime()))
    .map((slot) => ({
      scheduleId: schedule.id,
      start: slot.start.toISOString(),
      end: slot.end.toISOString(),
      visitType: slot.visitType,
    }));
}

/** The slot the availability offers at exactly `start`, if it offers one (booked or not). */
export function offeredAt(availability: ScheduleAvailability, start: Date): OfferedSlot | null {
  const { schedule } = availability;
  const date = wallClockAt(start, schedule.timeZone).date;
  // A day either side: a period in the clinic's evening is the next day in UTC, and back.
  const slots = offeredSlots(
    availability.template,
    availability.overrides,
    schedule.timeZone,
    addDays(date, -1),
    addDays(date, 1),
  );
  return slots.find((slot) => slot.start.getTime() === start.getTime()) ?? null;
}

/** The free slots nearest in time to `around`, before or after it, nearest first. */
export function nearestTo(slots: readonly FreeSlot[], around: Date, count: number): FreeSlot[] {
  const distance = (slot: FreeSlot) => Math.abs(Date.parse(slot.start) - around.getTime());
  return [...slots]
    .sort((a, b) => distance(a) - distance(b))
    .slice(0, count)
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}
