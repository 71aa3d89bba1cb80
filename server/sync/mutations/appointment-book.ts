import { AppointmentIdTaken } from "../../appointments/appointment-resource.ts";
import { BookingRefused, bookSlot } from "../../appointments/booking.ts";
import { type MutationHandler, MutationRejected } from "./handler.ts";

/**
 * `appointment.book {id, scheduleId, start, visitType, reason}`: a booking request made on a
 * device, online or not. Applied when the slot is still free; when someone else took it while
 * the device was offline, rejected with APPT-101 and the page offers the nearest free slots.
 * Answers the patient's new version, the write checkpoint the device waits for.
 */
export const bookAppointment: MutationHandler<"appointment.book"> = {
  creates: (args) => [args.id],
  async apply(tx, context, args) {
    const row = await refusedAsRejection(() => bookSlot(tx, context, args));
    return { appointmentId: row.id, start: row.start.toISOString() };
  },
};

/** A booking rule's refusal becomes the mutation's rejection, with the same catalog code. */
export async function refusedAsRejection<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BookingRefused) throw new MutationRejected(error.code);
    if (error instanceof AppointmentIdTaken) throw new MutationRejected("SYNC-801");
    throw error;
  }
}
