import { useParams } from "@solidjs/router";
import { Match, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Page } from "../../ui/page.tsx";
import { AllergiesPage, AllergyPage } from "./allergies-pages.tsx";
import { DocumentPage, DocumentsPage } from "./documents-pages.tsx";
import { ImmunizationPage, ImmunizationsPage } from "./immunizations-pages.tsx";
import { MedicationPage, MedicationsPage } from "./medications-pages.tsx";
import { OtherRecordPage, OtherRecordsPage } from "./other-pages.tsx";
import { ProblemPage, ProblemsPage } from "./problems-pages.tsx";
import { ProcedurePage, ProceduresPage } from "./procedures-pages.tsx";
import RecordPage from "./record-page.tsx";
import { NotOnDevice } from "./record-parts.tsx";
import ResultPage from "./result-page.tsx";
import ResultsPage from "./results-page.tsx";
import SearchPage from "./search-page.tsx";
import { VisitPage, VisitsPage } from "./visits-pages.tsx";
import VitalsPage from "./vitals-page.tsx";
import "./record.css";

/**
 * Every page under /record, in one lazy chunk behind one route (`/record/*path` in app.tsx):
 * the app's route table, which the sign-in page loads, grows by one line instead of sixteen.
 * `path` is "", "search", "<section>" or "<section>/<id>"; anything else is explained as not
 * on this device (REC-403), with a way back.
 */
export default function RecordPages() {
  const params = useParams();
  const parts = () => (params.path ?? "").split("/").filter(Boolean);
  const section = () => parts()[0] ?? "";
  const detail = () => parts().length === 2;
  const is = (name: string, withId: boolean) => section() === name && detail() === withId;
  return (
    <Switch
      fallback={
        <Page title={t("record.title")}>
          <NotOnDevice href="/record" section={t("record.title")} />
        </Page>
      }
    >
      <Match when={parts().length === 0}>
        <RecordPage />
      </Match>
      <Match when={is("search", false)}>
        <SearchPage />
      </Match>
      <Match when={is("results", false)}>
        <ResultsPage />
      </Match>
      <Match when={is("results", true)}>
        <ResultPage section="results" />
      </Match>
      <Match when={is("history", false)}>
        <ResultsPage place="history" />
      </Match>
      <Match when={is("history", true)}>
        <ResultPage section="history" />
      </Match>
      <Match when={is("documents", false)}>
        <DocumentsPage />
      </Match>
      <Match when={is("documents", true)}>
        <DocumentPage />
      </Match>
      <Match when={is("vitals", false)}>
        <VitalsPage />
      </Match>
      <Match when={is("vitals", true)}>
        <ResultPage section="vitals" />
      </Match>
      <Match when={is("medications", false)}>
        <MedicationsPage />
      </Match>
      <Match when={is("medications", true)}>
        <MedicationPage />
      </Match>
      <Match when={is("allergies", false)}>
        <AllergiesPage />
      </Match>
      <Match when={is("allergies", true)}>
        <AllergyPage />
      </Match>
      <Match when={is("immunizations", false)}>
        <ImmunizationsPage />
      </Match>
      <Match when={is("immunizations", true)}>
        <ImmunizationPage />
      </Match>
      <Match when={is("problems", false)}>
        <ProblemsPage />
      </Match>
      <Match when={is("problems", true)}>
        <ProblemPage />
      </Match>
      <Match when={is("visits", false)}>
        <VisitsPage />
      </Match>
      <Match when={is("visits", true)}>
        <VisitPage />
      </Match>
      <Match when={is("procedures", false)}>
        <ProceduresPage />
      </Match>
      <Match when={is("procedures", true)}>
        <ProcedurePage />
      </Match>
      <Match when={is("other", false)}>
        <OtherRecordsPage />
      </Match>
      <Match when={is("other", true)}>
        <OtherRecordPage />
      </Match>
    </Switch>
  );
}
