import { For, Show } from "solid-js";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Sentence } from "../../ui/sentence.tsx";
import { type DocumentView, documentDetail, documents } from "./documents.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { Clinical, Fact, When } from "./record-parts.tsx";

/** Who wrote it and when: the facts above a document's text. */
function DocumentFacts(props: { doc: DocumentView; withVisit?: boolean }) {
  return (
    <dl class="record-facts">
      <Fact label={t("record.result.date")}>
        <When time={props.doc.effectiveAt} />
      </Fact>
      <Fact label={t("record.documents.by")} when={props.doc.authors.length > 0}>
        <Clinical>{formatList(props.doc.authors)}</Clinical>
      </Fact>
      <Fact
        label={t("record.documents.visit")}
        when={Boolean(props.withVisit) && props.doc.visitIds.length > 0}
      >
        <For each={props.doc.visitIds}>
          {(id) => (
            <a href={`/record/visits/${encodeURIComponent(id)}`}>
              {t("record.documents.openVisit")}
            </a>
          )}
        </For>
      </Fact>
    </dl>
  );
}

/**
 * A document's body: its conclusion (and coded conclusion) first, then each part of its text as
 * the clinic wrote it, or why the app cannot show that part.
 */
export function DocumentBody(props: { doc: DocumentView; level: 2 | 4 }) {
  const Heading = (p: { children: string }) =>
    props.level === 2 ? <h2>{p.children}</h2> : <h4>{p.children}</h4>;
  return (
    <>
      <Show when={props.doc.conclusion || props.doc.conclusionCodes.length > 0}>
        <Heading>{t("record.documents.conclusion")}</Heading>
        <Show when={props.doc.conclusion}>
          {(words) => (
            <p lang="en" dir="auto" class="record-note__text">
              {words()}
            </p>
          )}
        </Show>
        <Show when={props.doc.conclusionCodes.length > 0}>
          <p>
            {t("record.documents.conclusionCodes")}{" "}
            <Clinical>{formatList(props.doc.conclusionCodes)}</Clinical>
          </p>
        </Show>
      </Show>
      <Show
        when={props.doc.notes.length > 0 || props.doc.conclusion}
        fallback={<p>{t("record.documents.noText")}</p>}
      >
        <For each={props.doc.notes}>
          {(part) =>
            part.kind === "text" ? (
              <pre class="record-note__text" lang="en" dir="auto">
                {part.text}
              </pre>
            ) : (
              <p>
                <Sentence
                  key="record.visits.noteUnreadable"
                  parts={{ type: <bdi dir="ltr">{part.contentType}</bdi> }}
                />
              </p>
            )
          }
        </For>
      </Show>
    </>
  );
}

/** Documents and notes (/record/documents): every note once, newest first. */
export function DocumentsPage() {
  return (
    <SectionPage section="documents" intro={t("record.documents.intro")} query={documents}>
      {(all) => (
        <Show when={all.length > 0} fallback={<p>{t("record.documents.empty")}</p>}>
          <ul class="record-list">
            <For each={all}>
              {(doc) => (
                <li class="record-card">
                  <h2>
                    <a href={`/record/documents/${encodeURIComponent(doc.id)}`}>
                      <Clinical>{doc.name ?? t("record.sections.documents")}</Clinical>
                    </a>
                  </h2>
                  <DocumentFacts doc={doc} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </SectionPage>
  );
}

/** One document (/record/documents/:id), opened by the id of any resource that carries it. */
export function DocumentPage() {
  return (
    <ItemPage
      section="documents"
      query={documentDetail}
      title={(doc) => doc.name ?? t("record.sections.documents")}
    >
      {(doc) => (
        <>
          <DocumentFacts doc={doc} withVisit />
          <DocumentBody doc={doc} level={2} />
        </>
      )}
    </ItemPage>
  );
}
