import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  AppointmentStatus,
  CheckInAnswers,
  VisitType,
} from "../../shared/contracts/appointments.ts";
import { patients, users } from "./schema-core.ts";

/**
 * A clinician's diary (FHIR Schedule): where and in which time zone their availability is
 * written, and the number to call when a visit can no longer be changed online
 * (docs/decisions/0017-appointments.md).
 */
export const schedules = pgTable("schedules", {
  id: uuid("id").primaryKey().defaultRandom(),
  practitionerId: uuid("practitioner_id")
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  // IANA zone the weekly template's wall-clock times are in ("America/New_York").
  timeZone: text("time_zone").notNull(),
  location: text("location").notNull(),
  phone: text("phone").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The weekly template: on `weekday` (1 = Monday … 7 = Sunday, ISO 8601), from `startTime` to
 * `endTime` (wall clock in the schedule's zone, "HH:MM"), slots of `slotMinutes` of one visit
 * type. Slots are computed from these rows, never stored, so editing availability never has
 * to rewrite a table of slots.
 */
export const availabilityTemplates = pgTable(
  "availability_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    visitType: text("visit_type").$type<VisitType>().notNull(),
    slotMinutes: integer("slot_minutes").notNull(),
  },
  (t) => [
    index("availability_templates_schedule_idx").on(t.scheduleId, t.weekday),
    check("availability_templates_weekday", sql`${t.weekday} between 1 and 7`),
    check("availability_templates_order", sql`${t.startTime} < ${t.endTime}`),
    check("availability_templates_visit_type", sql`${t.visitType} in ('in-person', 'video')`),
    check("availability_templates_minutes", sql`${t.slotMinutes} between 5 and 240`),
  ],
);

/**
 * A one-off change to one date: `closed` takes the whole day out of the template; `open` adds
 * hours (replacing the template's hours for that date, so the two never overlap).
 */
export const availabilityOverrides = pgTable(
  "availability_overrides",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    // The schedule's local date, "YYYY-MM-DD".
    date: text("date").notNull(),
    kind: text("kind").$type<"closed" | "open">().notNull(),
    startTime: text("start_time"),
    endTime: text("end_time"),
    visitType: text("visit_type").$type<VisitType>(),
    slotMinutes: integer("slot_minutes"),
  },
  (t) => [
    index("availability_overrides_schedule_idx").on(t.scheduleId, t.date),
    check("availability_overrides_kind", sql`${t.kind} in ('closed', 'open')`),
    check(
      "availability_overrides_open_complete",
      sql`${t.kind} = 'closed' or (${t.startTime} < ${t.endTime} and ${t.visitType} in ('in-person', 'video') and ${t.slotMinutes} between 5 and 240)`,
    ),
  ],
);

/**
 * A booked visit. Its id is also the id of its FHIR Appointment in `resources`, the copy that
 * syncs to the patient's devices. The partial unique index is the rule "no double booking":
 * two live appointments can never hold the same start on one schedule, whatever the code
 * above it does (docs/abuse-cases.md 14).
 */
export const appointments = pgTable(
  "appointments",
  {
    id: uuid("id").primaryKey(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    start: timestamp("start", { withTimezone: true }).notNull(),
    end: timestamp("end", { withTimezone: true }).notNull(),
    visitType: text("visit_type").$type<VisitType>().notNull(),
    reason: text("reason").notNull(),
    status: text("status").$type<AppointmentStatus>().notNull(),
    // The appointment this one replaced when it was a reschedule.
    replacesId: uuid("replaces_id"),
    checkIn: jsonb("check_in").$type<CheckInAnswers>(),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    bookedBy: uuid("booked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("appointments_one_per_slot")
      .on(t.scheduleId, t.start)
      .where(sql`${t.status} <> 'cancelled'`),
    index("appointments_patient_idx").on(t.patientId, t.start),
    check(
      "appointments_status_known",
      sql`${t.status} in ('booked', 'cancelled', 'checked-in', 'fulfilled', 'noshow')`,
    ),
    check("appointments_visit_type", sql`${t.visitType} in ('in-person', 'video')`),
    check("appointments_order", sql`${t.start} < ${t.end}`),
  ],
);
