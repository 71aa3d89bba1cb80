import { For } from "solid-js";
import type { StoredDiagnostic } from "../../../shared/contracts/help.ts";
import { formatDate, formatTime } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { checkResultText } from "./check-result-line.tsx";

/** A "Check my device" report as staff read it: each check in the words the person saw. */
export function DiagnosticReportView(props: { report: StoredDiagnostic; headingLevel: 2 | 3 }) {
  const heading = () => t("support.report.heading", { code: props.report.code });
  return (
    <section class="support-panel" aria-label={heading()}>
      {props.headingLevel === 2 ? <h2>{heading()}</h2> : <h3>{heading()}</h3>}
      <p>
        {t("support.report.made", {
          date: formatDate(props.report.createdAt),
          time: formatTime(props.report.createdAt),
        })}
      </p>
      <ul class="support-checks">
        <For each={props.report.results}>
          {(result) => <li class={`check-result--${result.outcome}`}>{checkResultText(result)}</li>}
        </For>
      </ul>
      <p class="secondary-text">
        {t("support.report.app", { version: props.report.appVersion })}
        <br />
        <bdi>{t("support.report.browser", { agent: props.report.userAgent })}</bdi>
      </p>
    </section>
  );
}
