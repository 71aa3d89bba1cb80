import { checkIn } from "../../appointments/booking.ts";
import { refusedAsRejection } from "./appointment-book.ts";
import type { MutationHandler } from "./handler.ts";

/**
 * `appointment.checkIn {appointmentId, answers}`: the pre-visit check-in, from 7 days before
 * the start until the start (APPT-104 outside it). The answers are for the clinician's list.
 */
export const checkInMutation: MutationHandler<"appointment.checkIn"> = {
  creates: () => [],
  async apply(tx, context, args) {
    const row = await refusedAsRejection(() => checkIn(tx, context, args));
    return { appointmentId: row.id, status: row.status };
  },
};
