import { Match, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { Page } from "../../ui/page.tsx";
import { ClinicianInbox } from "./clinician-inbox.tsx";
import { PatientInbox } from "./patient-inbox.tsx";
import "./inbox.css";

/** /inbox: a patient's conversations (from the device), or a clinician's inbox (online). */
export default function InboxPage() {
  return (
    <Switch fallback={<NotForRole />}>
      <Match when={currentUser()?.role === "patient"}>
        <PatientInboxPage />
      </Match>
      <Match when={currentUser()?.role === "clinician"}>
        <ClinicianInbox />
      </Match>
    </Switch>
  );
}

function PatientInboxPage() {
  return (
    <Page title={t("inbox.title")}>
      <PatientInbox />
    </Page>
  );
}

export function NotForRole() {
  return (
    <Page title={t("inbox.title")}>
      <p>{t("inbox.notForRole")}</p>
    </Page>
  );
}
