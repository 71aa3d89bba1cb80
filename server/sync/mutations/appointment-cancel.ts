import { cancelAppointment } from "../../appointments/booking.ts";
import { refusedAsRejection } from "./appointment-book.ts";
import type { MutationHandler } from "./handler.ts";

/**
 * `appointment.cancel {appointmentId}`: until the cut-off before the start
 * (APPOINTMENT_CUTOFF_HOURS); after it, rejected with APPT-102 and the page gives the number.
 */
export const cancelAppointmentMutation: MutationHandler<"appointment.cancel"> = {
  creates: () => [],
  async apply(tx, context, { appointmentId }) {
    const row = await refusedAsRejection(() => cancelAppointment(tx, context, appointmentId));
    return { appointmentId: row.id, status: row.status };
  },
};
