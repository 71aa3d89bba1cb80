import * as v from "valibot";
import {
  type AppointmentMutationArgs,
  answerMaxLength,
  reasonMaxLength,
  visitTypes,
} from "./appointments.ts";
import { calendarDate, instant } from "./dates.ts";
import { freeText } from "./free-text.ts";

/**
 * Checks of what appointments send: the sync mutations (merged into `mutationArgs` in
 * sync-schemas.ts) and the clinician's availability. Apart from appointments.ts so pages that
 * only need the shapes do not carry valibot.
 */
const uuid = v.pipe(v.string(), v.uuid());
const phone = freeText(40, { required: true });

export const checkInAnswers = v.strictObject({
  phone,
  medicationsConfirmed: v.boolean(),
  allergiesConfirmed: v.boolean(),
  changes: freeText(answerMaxLength, { required: false }),
  symptoms: freeText(answerMaxLength, { required: false }),
  interpreter: v.boolean(),
});

export const appointmentMutationArgs: {
  [N in keyof AppointmentMutationArgs]: v.GenericSchema<unknown, AppointmentMutationArgs[N]>;
} = {
  "appointment.book": v.strictObject({
    id: uuid,
    scheduleId: uuid,
    start: instant,
    visitType: v.picklist(visitTypes),
    reason: freeText(reasonMaxLength, { required: true }),
  }),
  "appointment.cancel": v.strictObject({ appointmentId: uuid }),
  "appointment.reschedule": v.strictObject({ appointmentId: uuid, newId: uuid, start: instant }),
  "appointment.checkIn": v.strictObject({ appointmentId: uuid, answers: checkInAnswers }),
};

/** "HH:MM", 24-hour wall clock. */
const wallTime = v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
const localDate = calendarDate;
const slotMinutes = v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(240));

export const templatePeriod = v.pipe(
  v.strictObject({
    weekday: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7)),
    startTime: wallTime,
    endTime: wallTime,
    visitType: v.picklist(visitTypes),
    slotMinutes,
  }),
  v.forward(
    v.check((p) => p.startTime < p.endTime),
    ["endTime"],
  ),
);

/** `POST /api/appointments/clinician/availability`: the schedule's settings and whole weekly template. */
export const availabilityUpdate = v.strictObject({
  timeZone: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(64)),
  location: freeText(200, { required: true }),
  phone,
  template: v.pipe(v.array(templatePeriod), v.maxLength(70)),
});

/** `POST /api/appointments/clinician/availability/overrides`. */
export const availabilityOverride = v.variant("kind", [
  v.strictObject({ date: localDate, kind: v.literal("closed") }),
  v.pipe(
    v.strictObject({
      date: localDate,
      kind: v.literal("open"),
      startTime: wallTime,
      endTime: wallTime,
      visitType: v.picklist(visitTypes),
      slotMinutes,
    }),
    v.forward(
      v.check((p) => p.startTime < p.endTime),
      ["endTime"],
    ),
  ),
]);
