import { createMemo, createSignal, For, Show } from "solid-js";
import { formatWhen } from "../../i18n/format-when.ts";
import { t } from "../../i18n/i18n.ts";
import { createDeviceQuery } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { Button } from "../../ui/button.tsx";
import { Page } from "../../ui/page.tsx";
import { Sentence } from "../../ui/sentence.tsx";
import { plainNameOf, plainNameOfMeasure } from "./common-tests.ts";
import { createRecordFilter, FilterForm } from "./date-filter.tsx";
import { createFilterKey } from "./filter-key.ts";
import { FindATest } from "./find-a-test.tsx";
import { formatAmount, rangeText } from "./measure-text.ts";
import { isNewResult, latestResultAt, viewedIds } from "./new-results.ts";
import { Clinical, FlagText, NewMark, PrintButton, When } from "./record-parts.tsx";
import { measuresOf, nameOf } from "./result-flags.ts";
import { resultsTimeline, type TimelineEntry, undatedEntries } from "./result-timeline.ts";
import { TestName } from "./test-names.tsx";

/** Entries on the first screen, and added by each "Show more". */
export const resultsPageSize = 20;

/**
 * Test results (/record/results): reports newest first, each a table of its results with the
 * value, normal range and flag in words; results not opened yet are marked "New"; after the
 * last dated entry, the results with no date under their own heading. Reads only the device's
 * copy, a page at a time. `place` "history" is the same page for lifestyle and questionnaire
 * answers (/record/history).
 */
export default function ResultsPage(props: { place?: "results" | "history" }) {
  const place = () => props.place ?? "results";
  const filter = createRecordFilter();
  const [limit, setLimit] = createSignal(resultsPageSize);
  // A new filter starts again from the first page.
  createFilterKey(filter, () => setLimit(resultsPageSize));
  const now = Date.now();
  const timeline = createDeviceQuery(() => {
    const n = limit();
    const window = { from: filter.from(), to: filter.to() };
    return async (source) => ({
      ...(await resultsTimeline(source, n, window, place())),
      // Listed once the dated entries are all shown; a date window leaves them out.
      undated: window.from || window.to ? [] : await undatedEntries(source, place()),
      viewed: await viewedIds(source.db),
      latest: source.patientId ? await latestResultAt(source.db, source.patientId, now) : now,
    });
  });
  const filtered = () => Boolean(filter.from() || filter.to());
  const value = () => {
    const read = timeline();
    return read.state === "ready" ? read.value : undefined;
  };
  return (
    <Page title={t(`record.sections.${place()}`)}>
      <p>{t(place() === "results" ? "record.results.intro" : "record.history.intro")}</p>
      <p class="secondary-text">{t("record.clinicalLanguage")}</p>
      <PrintButton />
      <details class="record-filter-box" open={filtered()}>
        <summary>{t("record.filter.legend")}</summary>
        <FilterForm
          filter={filter}
          idPrefix="results-filter"
          legend={t("record.filter.legend")}
          submitLabel={t("record.filter.apply")}
        />
      </details>
      <Show when={place() === "results"}>
        <FindATest />
      </Show>
      <Show when={filtered()}>
        <p>{filterSummary(filter.from(), filter.to())}</p>
      </Show>
      <Show when={value()} fallback={<p class="app-loading">{t("record.loading")}</p>}>
        {(ready) => (
          <Show
            when={ready().entries.length > 0 || ready().undated.length > 0}
            fallback={
              <p>
                {filtered()
                  ? t("record.results.emptyBetween")
                  : t(place() === "results" ? "record.results.empty" : "record.history.empty")}
              </p>
            }
          >
            <ol class="record-timeline">
              <For each={ready().entries}>
                {(entry) => (
                  <li>
                    <TimelineTable
                      section={place()}
                      entry={entry}
                      isNew={(row) => isNewResult(row, ready().viewed, ready().latest)}
                    />
                  </li>
                )}
              </For>
            </ol>
            <Show when={ready().more}>
              <Button onClick={() => setLimit((n) => n + resultsPageSize)}>
                {t("record.showMore")}
              </Button>
            </Show>
            <Show when={!ready().more && ready().undated.length > 0}>
              <h2>{t("record.results.undatedHeading")}</h2>
              <p>{t("record.results.undatedIntro")}</p>
              <ol class="record-timeline">
                <For each={ready().undated}>
                  {(entry) => (
                    <li>
                      <TimelineTable section={place()} entry={entry} isNew={() => false} />
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </Show>
        )}
      </Show>
    </Page>
  );
}

/** One report (or lone result) as a table: a caption with its name and date, a row per value. */
export function TimelineTable(props: {
  entry: TimelineEntry;
  isNew: (row: DeviceResource) => boolean;
  /** The page a result opens under: its own list's (results, or lifestyle and questionnaires). */
  section?: "results" | "history";
}) {
  const rows = createMemo(() =>
    (props.entry.kind === "report" ? props.entry.results : [props.entry.row]).flatMap((row) =>
      measuresOf(row.resource).map((measure) => ({ row, measure })),
    ),
  );
  return (
    <table class="record-table record-table--stack">
      <caption>
        <Sentence
          key="record.results.caption"
          parts={{
            name: (
              <TestName
                plain={plainNameOf(props.entry.row.resource)}
                clinic={nameOf(props.entry.row.resource)}
              />
            ),
            date: <When time={props.entry.row.effectiveAt} />,
          }}
        />
      </caption>
      <thead>
        <tr>
          <th scope="col">{t("record.results.test")}</th>
          <th scope="col">{t("record.results.value")}</th>
          <th scope="col">{t("record.results.range")}</th>
          <th scope="col">{t("record.results.flag")}</th>
        </tr>
      </thead>
      <tbody>
        <For each={rows()}>
          {({ row, measure }) => (
            <tr>
              <th scope="row">
                <a href={`/record/${props.section ?? "results"}/${encodeURIComponent(row.id)}`}>
                  <TestName
                    plain={plainNameOfMeasure(row.resource, measure)}
                    clinic={measure.name}
                  />
                </a>
                <Show when={props.isNew(row)}>
                  {" "}
                  <NewMark />
                </Show>
              </th>
              <td data-label={t("record.results.value")}>
                <MeasureValue measure={measure} />
              </td>
              <td data-label={t("record.results.range")}>
                {measure.range ? rangeText(measure.range) : "—"}
              </td>
              <td data-label={t("record.results.flag")}>
                <FlagText flag={measure.flag} />
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

/** A value: a number with its unit through Intl, or the record's own words. */
export function MeasureValue(props: { measure: ReturnType<typeof measuresOf>[number] }) {
  return (
    <Show
      when={props.measure.amount}
      fallback={
        <Show
          when={props.measure.answer === undefined}
          fallback={t(props.measure.answer ? "record.yes" : "record.no")}
        >
          <Clinical>{props.measure.valueText ?? "—"}</Clinical>
        </Show>
      }
    >
      {(amount) => formatAmount(amount())}
    </Show>
  );
}

/** "Showing from 10 May 2019 to 1 June 2019.", or from or up to one day when the other is open. */
function filterSummary(from: string | undefined, to: string | undefined): string {
  if (from && to) {
    return t("record.filter.summary", { from: formatWhen(from), to: formatWhen(to) });
  }
  if (from) return t("record.filter.summaryFrom", { from: formatWhen(from) });
  return t("record.filter.summaryTo", { to: formatWhen(to ?? "") });
}
