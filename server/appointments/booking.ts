import { and, eq } from "drizzle-orm";
import {
  type AppointmentMutationArgs,
  checkInOpensDays,
} from "../../shared/contracts/appointments.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import type { User } from "../auth/session.ts";
import { ownRecordOf } from "../authorization.ts";
import type { Config } from "../config.ts";
import { appointments } from "../db/schema.ts";
import { bumpPatientVersion, type Transaction } from "../records/patient-version.ts";
import { changeDeadline, writeAppointmentResource } from "./appointment-resource.ts";
import { loadAvailability, offeredAt, type ScheduleAvailability } from "./free-slots.ts";

/** Who is booking, when, under which cut-off. */
export interface BookingContext {
  user: Pick<User, "id" | "role">;
  now: Date;
  config: Pick<Config, "appointmentCutoffHours">;
}

/** Refuses a booking change with a catalog code (the sync handlers turn it into a rejection). */
export class BookingRefused extends Error {
  override name = "BookingRefused";
  constructor(readonly code: ErrorCode) {
    super(code);
  }
}

type AppointmentRow = typeof appointments.$inferSelect;

/**
 * Books the slot at `start` for the user's own record. Whether the slot is still free is not
 * asked first: the insert is tried, and the database's one-per-slot index answers, so two
 * patients booking one slot at the same instant cannot both win — the second insert waits for
 * the first to commit and then finds the slot taken (APPT-101).
 */
export async function bookSlot(
  tx: Transaction,
  context: BookingContext,
  args: AppointmentMutationArgs["appointment.book"],
): Promise<AppointmentRow> {
  const patientId = await ownPatient(tx, context.user);
  const availability = await loadAvailability(tx, args.scheduleId);
  const slot = availability && checkedSlot(availability, args.start, args.visitType, context.now);
  if (!availability || !slot) throw new BookingRefused("APPT-103");
  const version = await bumpPatientVersion(tx, patientId);
  const [row] = await tx
    .insert(appointments)
    .values({
      id: args.id,
      patientId,
      scheduleId: availability.schedule.id,
      start: slot.start,
      end: slot.end,
      visitType: slot.visitType,
      reason: args.reason,
      status: "booked",
      bookedBy: context.user.id,
      createdAt: context.now,
    })
    // No conflict target: any unique rule, above all appointments_one_per_slot.
    .onConflictDoNothing()
    .returning();
  if (!row) throw new BookingRefused("APPT-101");
  await writeAppointmentResource(
    tx,
    row,
    availability.schedule,
    context.config.appointmentCutoffHours,
    version,
    context.now,
  );
  return row;
}

/** Cancels one of the user's own upcoming visits, until the cut-off (then: call, APPT-102). */
export async function cancelAppointment(
  tx: Transaction,
  context: BookingContext,
  appointmentId: string,
): Promise<AppointmentRow> {
  const { row, availability } = await changeableAppointment(tx, context, appointmentId);
  const version = await bumpPatientVersion(tx, row.patientId);
  const [cancelled] = await tx
    .update(appointments)
    .set({ status: "cancelled", cancelledAt: context.now })
    .where(eq(appointments.id, row.id))
    .returning();
  const written = cancelled as AppointmentRow;
  await writeAppointmentResource(
    tx,
    written,
    availability.schedule,
    context.config.appointmentCutoffHours,
    version,
    context.now,
  );
  return written;
}

/**
 * Moves a visit to another free start of the same clinician and kind: the old one is
 * cancelled and a new one booked, in one transaction, so a taken slot (APPT-101) leaves the
 * old visit exactly as it was.
 */
export async function rescheduleAppointment(
  tx: Transaction,
  context: BookingContext,
  args: AppointmentMutationArgs["appointment.reschedule"],
): Promise<AppointmentRow> {
  const { row } = await changeableAppointment(tx, context, args.appointmentId);
  await cancelAppointment(tx, context, row.id);
  const booked = await bookSlot(tx, context, {
    id: args.newId,
    scheduleId: row.scheduleId,
    start: args.start,
    visitType: row.visitType,
    reason: row.reason,
  });
  await tx.update(appointments).set({ replacesId: row.id }).where(eq(appointments.id, booked.id));
  return booked;
}

/** Stores the pre-visit check-in, open from 7 days before the start until the start. */
export async function checkIn(
  tx: Transaction,
  context: BookingContext,
  args: AppointmentMutationArgs["appointment.checkIn"],
): Promise<AppointmentRow> {
  const row = await ownAppointment(tx, context.user, args.appointmentId);
  if (row.status !== "booked" && row.status !== "checked-in") throw new BookingRefused("APPT-105");
  const opens = row.start.getTime() - checkInOpensDays * 86_400_000;
  if (context.now.getTime() < opens || context.now >= row.start) {
    throw new BookingRefused("APPT-104");
  }
  const availability = await loadAvailability(tx, row.scheduleId);
  if (!availability) throw new BookingRefused("REQ-304");
  const version = await bumpPatientVersion(tx, row.patientId);
  const [updated] = await tx
    .update(appointments)
    .set({ status: "checked-in", checkIn: args.answers, checkedInAt: context.now })
    .where(eq(appointments.id, row.id))
    .returning();
  const written = updated as AppointmentRow;
  await writeAppointmentResource(
    tx,
    written,
    availability.schedule,
    context.config.appointmentCutoffHours,
    version,
    context.now,
  );
  return written;
}

/**
 * The slot the schedule offers at `start` for this kind of visit, still in the future, or
 * null. Only the instant and kind come from the device; the end comes from the availability.
 */
function checkedSlot(
  availability: ScheduleAvailability,
  start: string,
  visitType: string,
  now: Date,
) {
  const at = new Date(start);
  if (Number.isNaN(at.getTime()) || at <= now) return null;
  const slot = offeredAt(availability, at);
  return slot && slot.visitType === visitType ? slot : null;
}

async function changeableAppointment(
  tx: Transaction,
  context: BookingContext,
  appointmentId: string,
): Promise<{ row: AppointmentRow; availability: ScheduleAvailability }> {
  const row = await ownAppointment(tx, context.user, appointmentId);
  if (row.status !== "booked" && row.status !== "checked-in") throw new BookingRefused("APPT-105");
  if (row.start <= context.now) throw new BookingRefused("APPT-105");
  if (context.now >= changeDeadline(row.start, context.config.appointmentCutoffHours)) {
    throw new BookingRefused("APPT-102");
  }
  const availability = await loadAvailability(tx, row.scheduleId);
  if (!availability) throw new BookingRefused("REQ-304");
  return { row, availability };
}

/**
 * One of the user's own appointments. Someone else's is answered exactly like one that does
 * not exist (REQ-304), so ids cannot be probed (ASVS 8.2.2).
 */
async function ownAppointment(
  tx: Transaction,
  user: BookingContext["user"],
  appointmentId: string,
): Promise<AppointmentRow> {
  const patientId = await ownPatient(tx, user);
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, appointmentId), eq(appointments.patientId, patientId)));
  if (!row) throw new BookingRefused("REQ-304");
  return row;
}

/**
 * The user's own record (`ownRecordOf`), read inside the mutation's transaction. Appointments
 * are booked for oneself only (proxies, later); staff are told so (AUTH-103) rather than that
 * they have no record yet (REC-401).
 */
async function ownPatient(tx: Transaction, user: BookingContext["user"]): Promise<string> {
  if (user.role !== "patient") throw new BookingRefused("AUTH-103");
  const own = await ownRecordOf(tx, user);
  if (!own) throw new BookingRefused("REC-401");
  return own;
}
