import { NextAppointmentCard } from "./features/appointments/next-appointment-card.tsx";
import { InboxHomeCard } from "./features/inbox/inbox-home-card.tsx";
import { NeedsAttention } from "./features/record/needs-attention.tsx";

/**
 * What the record, messages and appointments each put on a patient's home page. Here, outside
 * client/features, because a feature never imports another's files: the home page takes them
 * all from this one place, as the route table takes each feature's pages.
 */
export function PatientHomeCards() {
  return (
    <NeedsAttention
      extra={
        <>
          <InboxHomeCard />
          <NextAppointmentCard />
        </>
      }
    />
  );
}
