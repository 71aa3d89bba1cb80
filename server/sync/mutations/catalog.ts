import type { MutationName } from "../../../shared/contracts/sync.ts";
import { bookAppointment } from "./appointment-book.ts";
import { cancelAppointmentMutation } from "./appointment-cancel.ts";
import { checkInMutation } from "./appointment-check-in.ts";
import { rescheduleAppointmentMutation } from "./appointment-reschedule.ts";
import type { MutationHandler } from "./handler.ts";
import { markRead } from "./message-mark-read.ts";
import { sendMessage } from "./message-send.ts";
import { setLanguage } from "./profile-set-language.ts";

/**
 * Every mutation the server applies, by name; the arguments of each are checked against
 * `mutationArgs` (shared/contracts/sync.ts) before its handler runs.
 */
export const mutationHandlers: { [N in MutationName]: MutationHandler<N> } = {
  "profile.setLanguage": setLanguage,
  "appointment.book": bookAppointment,
  "appointment.cancel": cancelAppointmentMutation,
  "appointment.reschedule": rescheduleAppointmentMutation,
  "appointment.checkIn": checkInMutation,
  "message.send": sendMessage,
  "message.markRead": markRead,
};
