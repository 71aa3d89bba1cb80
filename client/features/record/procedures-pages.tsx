import { For, Show } from "solid-js";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { isolate } from "./bidi.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { oneItem } from "./one-item.ts";
import { StatusText } from "./other-pages.tsx";
import { type ProcedureView, procedures, procedureView } from "./procedures.ts";
import { Clinical, Fact, Isolated, RecordNotes, When } from "./record-parts.tsx";

const words = (list: readonly string[]) => <Isolated text={formatList(list.map(isolate))} />;

/** A procedure's facts: the list shows the first three, the detail page all it holds. */
function ProcedureFacts(props: { item: ProcedureView; full?: boolean }) {
  const p = () => props.item;
  return (
    <dl class="record-facts">
      <Fact label={t("record.procedures.date")}>
        <When time={p().date} />
      </Fact>
      <Fact label={t("record.procedures.status")} when={p().status}>
        <StatusText status={p().status ?? ""} />
      </Fact>
      <Show when={props.full}>
        <Fact label={t("record.procedures.ended")} when={p().ended && p().ended !== p().date}>
          <When time={p().ended} />
        </Fact>
        <Fact label={t("record.procedures.performer")} when={p().performers.length > 0}>
          {words(p().performers)}
        </Fact>
        <Fact label={t("record.procedures.reason")} when={p().reasons.length > 0}>
          {words(p().reasons)}
        </Fact>
        <Fact label={t("record.procedures.bodySite")} when={p().bodySites.length > 0}>
          {words(p().bodySites)}
        </Fact>
        <Fact label={t("record.procedures.outcome")} when={p().outcome}>
          <Clinical>{p().outcome}</Clinical>
        </Fact>
        <Fact label={t("record.procedures.location")} when={p().location}>
          <Clinical>{p().location}</Clinical>
        </Fact>
      </Show>
    </dl>
  );
}

/** The procedures list: name (a link to its page), date and status, newest first. */
export function ProcedureList(props: { items: ProcedureView[] }) {
  return (
    <Show when={props.items.length > 0} fallback={<p>{t("record.procedures.empty")}</p>}>
      <ul class="record-list">
        <For each={props.items}>
          {(item) => (
            <li class="record-card">
              <h2>
                <a href={`/record/procedures/${encodeURIComponent(item.id)}`}>
                  <Clinical>{item.name}</Clinical>
                </a>
              </h2>
              <ProcedureFacts item={item} />
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Procedures (/record/procedures). */
export function ProceduresPage() {
  return (
    <SectionPage section="procedures" intro={t("record.procedures.intro")} query={procedures}>
      {(items) => <ProcedureList items={items} />}
    </SectionPage>
  );
}

/** One procedure's facts and notes, as its page shows them. */
export function ProcedureDetail(props: { item: ProcedureView }) {
  return (
    <>
      <ProcedureFacts item={props.item} full />
      <RecordNotes heading={t("record.procedures.notes")} notes={props.item.notes} />
    </>
  );
}

/** One procedure (/record/procedures/:id). */
export function ProcedurePage() {
  return (
    <ItemPage
      section="procedures"
      query={(source, id) => oneItem(source, id, ["Procedure"], procedureView)}
      title={(p) => p.name}
    >
      {(p) => <ProcedureDetail item={p} />}
    </ItemPage>
  );
}
