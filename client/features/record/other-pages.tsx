import { For, Show } from "solid-js";
import { formatList } from "../../i18n/format.ts";
import { hasWords, type TranslationKey, t } from "../../i18n/i18n.ts";
import { isolate } from "./bidi.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { type OtherGroup, type OtherItem, otherRecord, otherRecords } from "./other-records.ts";
import { Clinical, Fact, Isolated, RecordNotes, When } from "./record-parts.tsx";

/** A FHIR status code in words; a code no table names is shown as the record wrote it. */
export function StatusText(props: { status: string }) {
  const key = () => `record.other.statuses.${props.status}`;
  return (
    <Show when={hasWords(key())} fallback={<Clinical>{props.status}</Clinical>}>
      {t(key() as TranslationKey)}
    </Show>
  );
}

/** A type's name in words ("Care plans"), else its FHIR name (a type no table names yet). */
export function typeName(type: string): string {
  const key = `record.other.types.${type}`;
  return hasWords(key) ? t(key as TranslationKey) : type;
}

function OtherFacts(props: { item: OtherItem; withKind?: boolean }) {
  const i = () => props.item;
  return (
    <dl class="record-facts">
      <Show when={props.withKind}>
        <Fact label={t("record.other.kind")}>{typeName(i().type)}</Fact>
      </Show>
      <Fact label={t("record.other.date")} when={i().date}>
        <When time={i().date} />
      </Fact>
      <Fact label={t("record.other.until")} when={i().until}>
        <When time={i().until} />
      </Fact>
      <Fact label={t("record.other.status")} when={i().status}>
        <StatusText status={i().status ?? ""} />
      </Fact>
      <Fact label={t("record.other.by")} when={i().by.length > 0}>
        <Isolated text={formatList(i().by.map(isolate))} />
      </Fact>
      <Fact label={t("record.other.total")} when={i().total}>
        {i().total}
      </Fact>
    </dl>
  );
}

/** What names an item in a list or heading: the record's words, else "No name in the record". */
function ItemName(props: { item: OtherItem }) {
  return (
    <Show when={props.item.name} fallback={t("record.other.untitled")}>
      {(name) => <Clinical>{name()}</Clinical>}
    </Show>
  );
}

/** The groups of "Other records": one h2 per type, one h3 per item. */
export function OtherGroups(props: { groups: OtherGroup[] }) {
  return (
    <Show when={props.groups.length > 0} fallback={<p>{t("record.other.empty")}</p>}>
      <For each={props.groups}>
        {(group) => (
          <section aria-labelledby={`other-${group.type}`}>
            <h2 id={`other-${group.type}`}>{typeName(group.type)}</h2>
            <ul class="record-list">
              <For each={group.items}>
                {(item) => (
                  <li class="record-card">
                    <h3>
                      <a href={`/record/other/${encodeURIComponent(item.id)}`}>
                        <ItemName item={item} />
                      </a>
                    </h3>
                    <OtherFacts item={item} />
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>
    </Show>
  );
}

/** Other records (/record/other): every clinical item no other page lists, by kind. */
export function OtherRecordsPage() {
  return (
    <SectionPage section="other" intro={t("record.other.intro")} query={otherRecords}>
      {(groups) => <OtherGroups groups={groups} />}
    </SectionPage>
  );
}

/** The facts of one item of "Other records", with its notes. */
export function OtherDetail(props: { item: OtherItem }) {
  return (
    <>
      <OtherFacts item={props.item} withKind />
      <RecordNotes heading={t("record.other.notes")} notes={props.item.notes} />
    </>
  );
}

/** One item of "Other records" (/record/other/:id). */
export function OtherRecordPage() {
  return (
    <ItemPage
      section="other"
      query={otherRecord}
      title={(item) => item.name ?? typeName(item.type)}
    >
      {(item) => <OtherDetail item={item} />}
    </ItemPage>
  );
}
