import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { createDeviceQuery, type DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { Page } from "../../ui/page.tsx";
import { isolate } from "./bidi.ts";
import { formatAmount, formatNumber } from "./measure-text.ts";
import { Clinical, FlagText, Isolated, PrintButton, When } from "./record-parts.tsx";
import { type Measure, measuresOf, nameOf } from "./result-flags.ts";
import { newestFirst } from "./result-history.ts";
import { vitalSignRows } from "./result-timeline.ts";
import { MeasureValue } from "./results-page.tsx";

/**
 * The newest vital sign of each kind (blood pressure, weight, …), in the order first seen:
 * found by category and by LOINC code (vitalSignRows), so a reading sent without the
 * vital-signs category is listed too.
 */
export async function latestVitals(source: DeviceSource): Promise<DeviceResource[]> {
  if (!source.patientId) return [];
  const latest = new Map<string, DeviceResource>();
  const rows = await vitalSignRows(source);
  for (const row of rows.sort(newestFirst)) {
    const key = `${row.codeSystem ?? ""}|${row.code ?? nameOf(row.resource)}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  return [...latest.values()];
}

function measureText(measure: Measure): string {
  if (measure.amount) return formatAmount(measure.amount);
  if (measure.answer !== undefined) return t(measure.answer ? "record.yes" : "record.no");
  return isolate(measure.valueText ?? "");
}

/**
 * A vital sign of several parts in one line: blood pressure as "120/80 mmHg", systolic first
 * (measuresOf orders it by LOINC code), others joined by the locale's separator.
 */
export function measuresText(measures: Measure[]): string {
  const [systolic, diastolic] = measures.map((m) => m.amount);
  if (
    measures.length === 2 &&
    measures[0]?.key.endsWith("|8480-6") &&
    measures[1]?.key.endsWith("|8462-4") &&
    systolic &&
    diastolic &&
    systolic.unit === diastolic.unit &&
    !systolic.comparator
  ) {
    return t("record.vitals.pressure", {
      systolic: formatNumber(systolic.value),
      diastolic: formatAmount(diastolic),
    });
  }
  return measures
    .map(measureText)
    .reduce((first, second) => t("record.vitals.pair", { first, second }));
}

/** Vital signs (/record/vitals): the latest of each, each linking to its history. */
export default function VitalsPage() {
  const vitals = createDeviceQuery(() => latestVitals);
  const rows = () => {
    const read = vitals();
    return read.state === "ready" ? read.value : undefined;
  };
  return (
    <Page title={t("record.sections.vitals")}>
      <p>{t("record.vitals.intro")}</p>
      <PrintButton />
      <Show when={rows()} fallback={<p class="app-loading">{t("record.loading")}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p>{t("record.vitals.empty")}</p>}>
            <table class="record-table record-table--stack">
              <caption>{t("record.vitals.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("record.vitals.measurement")}</th>
                  <th scope="col">{t("record.vitals.latest")}</th>
                  <th scope="col">{t("record.results.flag")}</th>
                  <th scope="col">{t("record.result.date")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>
                  {(row) => (
                    <tr>
                      <th scope="row">
                        <a href={`/record/vitals/${encodeURIComponent(row.id)}`}>
                          <Clinical>{nameOf(row.resource)}</Clinical>
                        </a>
                      </th>
                      <td data-label={t("record.vitals.latest")}>
                        <Show
                          when={measuresOf(row.resource).length > 1}
                          fallback={
                            <MeasureValue measure={measuresOf(row.resource)[0] as Measure} />
                          }
                        >
                          <Isolated text={measuresText(measuresOf(row.resource))} />
                        </Show>
                      </td>
                      <td data-label={t("record.results.flag")}>
                        <For each={measuresOf(row.resource).filter((m) => m.flag)}>
                          {(measure) => <FlagText flag={measure.flag} />}
                        </For>
                      </td>
                      <td data-label={t("record.result.date")}>
                        <When time={row.effectiveAt} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
    </Page>
  );
}
