import { createEffect, createSignal, For, on, Show } from "solid-js";
import { formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { createDeviceQuery } from "../../local/device-query.ts";
import { Button } from "../../ui/button.tsx";
import { Page } from "../../ui/page.tsx";
import { plainNameOfKey, plainNameOfMeasure } from "./common-tests.ts";
import { HistoryChart } from "./history-chart.tsx";
import { useItemId } from "./item-page.tsx";
import { formatNumber, rangeText } from "./measure-text.ts";
import { markViewed } from "./new-results.ts";
import {
  BackLink,
  Clinical,
  Fact,
  FlagText,
  NotOnDevice,
  PrintButton,
  When,
} from "./record-parts.tsx";
import { measuresOf, nameOf } from "./result-flags.ts";
import { type MeasureHistory, plottable } from "./result-history.ts";
import { resultDetail } from "./result-history-query.ts";
import { MeasureValue } from "./results-page.tsx";
import { TestHeading, TestName } from "./test-names.tsx";

/** Rows of a history table on the first screen, and added by each "Show more". */
const historyPageSize = 50;

/**
 * One result (/record/results/:id, /record/vitals/:id): the value with its range and flag in
 * words, then the test's history as a chart with a text summary and as a table a screen reader
 * reads. Opening it marks the test's results as seen on this device.
 */
export default function ResultPage(props: { section: "results" | "vitals" | "history" }) {
  const itemId = useItemId();
  const detail = createDeviceQuery(() => {
    const id = itemId();
    return (source) => resultDetail(source, id);
  });
  const list = () => `/record/${props.section}`;
  const section = () => t(`record.sections.${props.section}`);
  const found = () => {
    const read = detail();
    return read.state === "ready" ? read.value : undefined;
  };
  // Once per result opened, not on every re-read the write itself causes.
  createEffect(
    on(
      () => found()?.row.id,
      (id, previous) => {
        const read = detail();
        const open = found();
        if (read.state !== "ready" || !open || id === previous) return;
        const ids = open.histories.flatMap((h) => h.points.map((p) => p.id));
        void markViewed(read.db, ids, new Date());
      },
    ),
  );
  return (
    <Show
      when={detail().state === "ready"}
      fallback={
        <Page title={section()}>
          <p class="app-loading">{t("record.loading")}</p>
        </Page>
      }
    >
      <Show
        when={found()}
        fallback={
          <Page title={section()}>
            <NotOnDevice href={list()} section={section()} />
          </Page>
        }
      >
        {(open) => (
          <TestHeading resource={open().row.resource}>
            <BackLink href={list()} section={section()} />
            <h2>{t("record.result.latestHeading")}</h2>
            <For each={measuresOf(open().row.resource)}>
              {(measure) => (
                <dl class="record-facts">
                  <Show when={measuresOf(open().row.resource).length > 1}>
                    <Fact label={t("record.results.test")}>
                      <TestName
                        plain={plainNameOfMeasure(open().row.resource, measure)}
                        clinic={measure.name}
                      />
                    </Fact>
                  </Show>
                  <Fact label={t("record.results.value")}>
                    <MeasureValue measure={measure} />
                  </Fact>
                  <Fact label={t("record.results.range")}>
                    {measure.range ? rangeText(measure.range) : t("record.result.noRange")}
                  </Fact>
                  <Fact label={t("record.results.flag")} when={measure.flag}>
                    <FlagText flag={measure.flag} />{" "}
                    <span class="secondary-text">
                      {measure.flagSource ? t(`record.flagSource.${measure.flagSource}`) : ""}
                    </span>
                  </Fact>
                  <Fact label={t("record.result.date")}>
                    <When time={open().row.effectiveAt} />
                  </Fact>
                </dl>
              )}
            </For>
            <Show when={open().reports.length > 0}>
              <dl class="record-facts">
                <Fact label={t("record.result.partOf")}>
                  <Clinical>{formatList(open().reports.map((r) => nameOf(r.resource)))}</Clinical>
                </Fact>
              </dl>
            </Show>
            <For each={open().histories}>
              {(history) => (
                <HistorySection history={history} several={open().histories.length > 1} />
              )}
            </For>
            <PrintButton />
          </TestHeading>
        )}
      </Show>
    </Show>
  );
}

/** One measure's history: a chart when its values are numbers, and always the table. */
function HistorySection(props: { history: MeasureHistory; several: boolean }) {
  const canChart = () => plottable(props.history).length > 0;
  // Years of home readings are thousands of rows: the table grows a page at a time.
  const [shown, setShown] = createSignal(historyPageSize);
  return (
    <section class="record-history">
      <h2>
        {t("record.result.historyHeading")}
        <Show when={props.several}>
          : <HistoryName history={props.history} />
        </Show>
      </h2>
      <Show when={canChart()} fallback={<p>{t("record.result.noChart")}</p>}>
        <HistoryChart history={props.history} />
      </Show>
      <table class="record-table record-table--stack">
        <caption>
          <HistoryName history={props.history} />: {t("record.result.tableCaption")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("record.result.date")}</th>
            <th scope="col">{t("record.results.value")}</th>
            <th scope="col">{t("record.results.range")}</th>
            <th scope="col">{t("record.results.flag")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.history.points.slice(0, shown())}>
            {(point) => (
              <tr>
                <th scope="row">
                  <When time={point.when} />
                </th>
                <td data-label={t("record.results.value")}>
                  <MeasureValue measure={point.measure} />
                </td>
                <td data-label={t("record.results.range")}>
                  {point.measure.range ? rangeText(point.measure.range) : "—"}
                </td>
                <td data-label={t("record.results.flag")}>
                  <FlagText flag={point.measure.flag} />
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.history.points.length > shown()}>
        <p>
          {t("record.shownOf", {
            shown: formatNumber(shown()),
            total: formatNumber(props.history.points.length),
          })}{" "}
          <Button onClick={() => setShown((n) => n + historyPageSize)}>
            {t("record.showMore")}
          </Button>
        </p>
      </Show>
    </section>
  );
}

/** What a history is of: the plain name when the table of common tests knows it. */
function HistoryName(props: { history: MeasureHistory }) {
  return (
    <Show
      when={plainNameOfKey(props.history.key)}
      fallback={<Clinical>{props.history.name}</Clinical>}
    >
      {(plain) => plain()}
    </Show>
  );
}
