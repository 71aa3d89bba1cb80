import { For, Show } from "solid-js";
import { calendarDays, type FhirWhen } from "../../../shared/fhir-when.ts";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Sentence } from "../../ui/sentence.tsx";
import { DocumentBody } from "./documents-pages.tsx";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { Clinical, Fact, When } from "./record-parts.tsx";
import { nameOf } from "./result-flags.ts";
import { type VisitView, visitDetail, visits } from "./visits.ts";

function VisitFacts(props: { visit: VisitView }) {
  const v = () => props.visit;
  return (
    <dl class="record-facts">
      <Fact label={t("record.result.date")} when={v().start}>
        <When time={v().start} withTime />
      </Fact>
      <Fact label={t("record.visits.location")} when={v().locations.length > 0}>
        <Clinical>{formatList(v().locations)}</Clinical>
      </Fact>
      <Fact label={t("record.visits.practitioner")} when={v().practitioners.length > 0}>
        <Clinical>{formatList(v().practitioners)}</Clinical>
      </Fact>
      <Fact label={t("record.medications.reason")} when={v().reasons.length > 0}>
        <Clinical>{formatList(v().reasons)}</Clinical>
      </Fact>
    </dl>
  );
}

/** Visits (/record/visits): newest first, each linking to its notes. */
export function VisitsPage() {
  return (
    <SectionPage section="visits" intro={t("record.visits.intro")} query={visits}>
      {(all) => (
        <Show when={all.length > 0} fallback={<p>{t("record.visits.empty")}</p>}>
          <ul class="record-list">
            <For each={all}>
              {(v) => (
                <li class="record-card">
                  <h2>
                    <a href={`/record/visits/${encodeURIComponent(v.id)}`}>
                      <Clinical>{v.type}</Clinical>
                    </a>
                  </h2>
                  <VisitFacts visit={v} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </SectionPage>
  );
}

/** One visit (/record/visits/:id): who, where, and its notes decoded, as the clinic wrote them. */
export function VisitPage() {
  return (
    <ItemPage section="visits" query={visitDetail} title={(d) => d.visit.type}>
      {(d) => (
        <>
          <VisitFacts visit={d.visit} />
          <h2>{t("record.visits.notesHeading")}</h2>
          <Show when={d.notes.length > 0} fallback={<p>{t("record.visits.noNotes")}</p>}>
            <For each={d.notes}>
              {(note) => (
                <article class="record-note">
                  <h3>
                    <a href={`/record/documents/${encodeURIComponent(note.id)}`}>
                      <Clinical>{note.name ?? t("record.sections.documents")}</Clinical>
                    </a>
                  </h3>
                  <Show when={note.authors.length > 0}>
                    <p class="secondary-text">
                      <Sentence
                        key="record.visits.noteBy"
                        parts={{ name: <Clinical>{formatList(note.authors)}</Clinical> }}
                      />
                    </p>
                  </Show>
                  <DocumentBody doc={note} level={4} />
                </article>
              )}
            </For>
          </Show>
          <Show when={d.reports.length > 0}>
            <h2>{t("record.visits.resultsHeading")}</h2>
            <ul class="link-list">
              <For each={d.reports}>
                {(report) => (
                  <li>
                    <a href={resultsOnDaysOf(report.effectiveAt)}>
                      <Clinical>{nameOf(report.resource)}</Clinical>
                    </a>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </>
      )}
    </ItemPage>
  );
}

/** The results list narrowed to the days of a report, as the viewer's calendar counts them. */
function resultsOnDaysOf(when: FhirWhen | null): string {
  if (!when) return "/record/results";
  const { first, last } = calendarDays(when);
  return `/record/results?from=${first}&to=${last}`;
}
