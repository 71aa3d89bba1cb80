import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { createDeviceQuery } from "../../local/device-query.ts";
import { Button } from "../../ui/button.tsx";
import { Page } from "../../ui/page.tsx";
import { Sentence } from "../../ui/sentence.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { DownloadRecord } from "./download-record.tsx";
import type { Section } from "./item-page.tsx";
import { formatNumber } from "./measure-text.ts";
import { deceasedOf } from "./patient-status.ts";
import { recordOverview } from "./record-counts.ts";
import { PrintButton, When } from "./record-parts.tsx";

export const sections: readonly Section[] = [
  "results",
  "vitals",
  "medications",
  "allergies",
  "immunizations",
  "problems",
  "visits",
  "procedures",
  "documents",
  "history",
  "other",
];

/**
 * "Recorded as deceased", with the date of death when the record holds one: said at the top of
 * the record, in words, before any count.
 */
function DeceasedNotice() {
  const read = createDeviceQuery(() => deceasedOf);
  const deceased = () => {
    const r = read();
    return r.state === "ready" && r.value.deceased ? r.value : undefined;
  };
  return (
    <Show when={deceased()}>
      {(d) => (
        <section class="record-alert" aria-labelledby="record-deceased">
          <h2 id="record-deceased">{t("record.deceased.heading")}</h2>
          <Show when={d().on}>
            {(on) => (
              <p>
                <Sentence key="record.deceased.diedOn" parts={{ date: <When time={on()} /> }} />
              </p>
            )}
          </Show>
          <p>{t("record.deceased.hint")}</p>
        </section>
      )}
    </Show>
  );
}

/**
 * My health record (/record): the parts of the record with how much each holds, a search box,
 * and "Download my record". The counts come from the device, so the page works offline.
 */
export default function RecordPage() {
  const counts = createDeviceQuery(() => recordOverview);
  const value = () => {
    const read = counts();
    return read.state === "ready" ? read.value : undefined;
  };
  const navigate = useNavigate();
  const [query, setQuery] = createSignal("");
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    const q = query().trim();
    navigate(q ? `/record/search?q=${encodeURIComponent(q)}` : "/record/search");
  };
  return (
    <Page title={t("record.title")}>
      <DeceasedNotice />
      <p>{t("record.intro")}</p>
      <search class="record-search-box">
        <form onSubmit={search}>
          <TextField
            id="record-q"
            name="q"
            label={t("record.search.label")}
            hint={t("record.search.hint")}
            value={query()}
            onInput={setQuery}
            spellcheck={false}
          />
          <Button type="submit">{t("record.search.submit")}</Button>
        </form>
      </search>
      <h2>{t("record.sectionsHeading")}</h2>
      <Show when={value()} fallback={<p class="app-loading">{t("record.loading")}</p>}>
        {(all) => (
          <>
            <Show when={all().empty || all().payerOnly}>
              <p>{all().payerOnly ? t("record.payerOnly") : t("record.nothingYet")}</p>
            </Show>
            <table class="record-table record-sections">
              <caption>{t("record.sectionsCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("record.sectionColumn")}</th>
                  <th scope="col">{t("record.countColumn")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={sections}>
                  {(section) => (
                    <tr>
                      <th scope="row">
                        <a href={`/record/${section}`}>{t(`record.sections.${section}`)}</a>
                      </th>
                      <td>{formatNumber(all().counts[section])}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </>
        )}
      </Show>
      <DownloadRecord />
      <PrintButton />
    </Page>
  );
}
