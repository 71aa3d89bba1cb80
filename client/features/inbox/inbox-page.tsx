import { Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { createSignedInDatabase } from "../../local/signed-in-database.ts";
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
  const db = createSignedInDatabase();
  return (
    <Page title={t("inbox.title")}>
      <Show when={db()} keyed>
        {(open) => <PatientInbox db={open} />}
      </Show>
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
