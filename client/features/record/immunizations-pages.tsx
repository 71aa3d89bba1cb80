import { For, Show } from "solid-js";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { isolate } from "./bidi.ts";
import { type ImmunizationView, immunizations, immunizationView } from "./immunizations.ts";
import { ItemPage, SectionPage } from "./item-page.tsx";
import { oneItem } from "./one-item.ts";
import { Clinical, Fact, Isolated, When } from "./record-parts.tsx";

function ImmunizationFacts(props: { item: ImmunizationView }) {
  const i = () => props.item;
  return (
    <dl class="record-facts">
      <Fact label={t("record.immunizations.date")} when={i().date}>
        <When time={i().date} />
      </Fact>
      <Fact
        label={t("record.immunizations.notGiven")}
        when={i().status === "not-done" && i().reason}
      >
        <Clinical>{i().reason}</Clinical>
      </Fact>
      <Fact label={t("record.immunizations.dose")} when={i().dose}>
        {t("record.immunizations.doseNumber", { number: i().dose ?? "" })}
      </Fact>
      <Fact label={t("record.immunizations.givenBy")} when={i().givenBy.length > 0}>
        <Isolated text={formatList(i().givenBy.map(isolate))} />
      </Fact>
      <Fact label={t("record.immunizations.lot")} when={i().lot}>
        <Clinical>{i().lot}</Clinical>
      </Fact>
    </dl>
  );
}

function ImmunizationList(props: { items: ImmunizationView[] }) {
  return (
    <ul class="record-list">
      <For each={props.items}>
        {(item) => (
          <li class="record-card">
            <h3>
              <a href={`/record/immunizations/${encodeURIComponent(item.id)}`}>
                <Clinical>{item.vaccine}</Clinical>
              </a>
            </h3>
            <ImmunizationFacts item={item} />
          </li>
        )}
      </For>
    </ul>
  );
}

/** Immunizations (/record/immunizations): due next, given, and refused or not done. */
export function ImmunizationsPage() {
  return (
    <SectionPage
      section="immunizations"
      intro={t("record.immunizations.intro")}
      query={immunizations}
    >
      {(record) => (
        <>
          <h2>{t("record.immunizations.upcomingHeading")}</h2>
          <Show
            when={record.due.length > 0}
            fallback={<p>{t("record.immunizations.noneUpcoming")}</p>}
          >
            <ul class="record-list">
              <For each={record.due}>
                {(due) => (
                  <li class="record-card">
                    <h3>
                      <Clinical>{due.vaccine}</Clinical>
                    </h3>
                    <dl class="record-facts">
                      <Fact label={t("record.immunizations.due")} when={due.due}>
                        <When time={due.due} />
                      </Fact>
                    </dl>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <h2>{t("record.immunizations.givenHeading")}</h2>
          <Show when={record.given.length > 0} fallback={<p>{t("record.immunizations.empty")}</p>}>
            <ImmunizationList items={record.given} />
          </Show>
          <Show when={record.notGiven.length > 0}>
            <h2>{t("record.immunizations.notGivenHeading")}</h2>
            <ImmunizationList items={record.notGiven} />
          </Show>
        </>
      )}
    </SectionPage>
  );
}

/** One immunization (/record/immunizations/:id). */
export function ImmunizationPage() {
  return (
    <ItemPage
      section="immunizations"
      query={(source, id) => oneItem(source, id, ["Immunization"], immunizationView)}
      title={(i) => i.vaccine}
    >
      {(i) => <ImmunizationFacts item={i} />}
    </ItemPage>
  );
}
