import { useParams } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { currentUser } from "../../local/session.ts";
import { ClinicianThread } from "./clinician-thread.tsx";
import { NotForRole } from "./inbox-page.tsx";
import { PatientThread } from "./patient-thread.tsx";
import "./inbox.css";

/** /inbox/:threadId: one conversation, for the patient (from the device) or a clinician. */
export default function ThreadPage() {
  const params = useParams();
  return (
    <Switch fallback={<NotForRole />}>
      <Match when={currentUser()?.role === "patient"}>
        <PatientThread threadId={params.threadId ?? ""} />
      </Match>
      <Match when={currentUser()?.role === "clinician"}>
        <ClinicianThread threadId={params.threadId ?? ""} />
      </Match>
    </Switch>
  );
}
