import { rescheduleAppointment } from "../../appointments/booking.ts";
import { refusedAsRejection } from "./appointment-book.ts";
import type { MutationHandler } from "./handler.ts";

/**
 * `appointment.reschedule {appointmentId, newId, start}`: the old visit cancelled and the new
 * one booked together, or neither (a taken slot leaves the old visit standing).
 */
export const rescheduleAppointmentMutation: MutationHandler<"appointment.reschedule"> = {
  creates: (args) => [args.newId],
  async apply(tx, context, args) {
    const row = await refusedAsRejection(() => rescheduleAppointment(tx, context, args));
    return { appointmentId: row.id, start: row.start.toISOString() };
  },
};
