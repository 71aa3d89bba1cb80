import { useSearchParams } from "@solidjs/router";
import { createSignal, For, lazy, Show } from "solid-js";
import type { CheckResult } from "../../../shared/contracts/help.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { deviceChecks } from "../../../shared/guides/types.ts";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { deviceUserId } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { CheckResultText } from "./check-result-text.tsx";
import { makeCheckRun } from "./device-checks.ts";
import { saveDiagnosticReport } from "./help-api.ts";
import "./help.css";

// Only a signed-in person has a device database to describe; Dexie stays out of this page's chunk.
const DeviceHoldings = lazy(() => import("./device-holdings-table.tsx"));

/**
 * "Check my device" (/help/check): every device check, in plain words, then the report saved
 * for support under a short code. Works signed out; offline it still shows the results (the
 * network check is the one that explains why there is no code).
 */
export default function CheckDevicePage() {
  const [params] = useSearchParams();
  const [results, setResults] = createSignal<CheckResult[]>();
  const [running, setRunning] = createSignal(false);
  const [code, setCode] = createSignal<string>();
  const [problem, setProblem] = createSignal<ErrorCode>();
  let resultsHeading: HTMLHeadingElement | undefined;

  const run = async () => {
    if (running()) return;
    setRunning(true);
    setResults(undefined);
    setCode(undefined);
    setProblem(undefined);
    announce(t("help.check.running"));
    const checks = makeCheckRun();
    const found = await Promise.all(deviceChecks.map((check) => checks.check(check)));
    setResults(found);
    setRunning(false);
    resultsHeading?.focus();
    announce(t("help.check.done"));
    const guide = typeof params.guide === "string" ? params.guide.slice(0, 64) : undefined;
    const saved = await saveDiagnosticReport({
      results: found,
      appVersion: (await checks.health()).version ?? "unknown",
      userAgent: navigator.userAgent.slice(0, 512),
      locale: currentLocale(),
      ...(guide ? { guide } : {}),
    });
    if (saved.ok) {
      setCode(saved.data.code);
      announce(`${t("help.check.codeHeading")}: ${saved.data.code}`);
    } else {
      setProblem(saved.code);
    }
  };

  return (
    <Page title={t("help.check.title")}>
      <p>{t("help.check.intro")}</p>
      <div class="button-row">
        <Button variant="primary" onClick={run} aria-disabled={running() ? "true" : undefined}>
          {t("help.check.run")}
        </Button>
        <Show when={running()}>
          <span class="secondary-text">{t("help.check.running")}</span>
        </Show>
      </div>
      <Show when={results()}>
        {(found) => (
          <>
            <h2 tabIndex={-1} ref={resultsHeading}>
              {t("help.check.resultsHeading")}
            </h2>
            <ul class="help-list">
              <For each={found()}>
                {(result) => (
                  <li>
                    <CheckResultText result={result} />
                  </li>
                )}
              </For>
            </ul>
            <h2>{t("help.check.codeHeading")}</h2>
            <Show
              when={code()}
              fallback={
                <Show when={problem()} fallback={<p>{t("help.check.saving")}</p>}>
                  {(failed) => (
                    <>
                      <p>{t("help.check.notSaved")}</p>
                      <ErrorExplanation code={failed()} />
                    </>
                  )}
                </Show>
              }
            >
              {(saved) => (
                <>
                  <p>{t("help.check.codeIntro")}</p>
                  <p class="diagnostic-code" data-testid="diagnostic-code">
                    {saved()}
                  </p>
                  <p>
                    <a href={`/help/ask?code=${encodeURIComponent(saved())}`}>
                      {t("help.check.askWithCode")}
                    </a>
                  </p>
                </>
              )}
            </Show>
          </>
        )}
      </Show>
      <Show when={deviceUserId()}>
        <DeviceHoldings />
      </Show>
      <p>
        <a href="/help">{t("help.backToHelp")}</a>
      </p>
    </Page>
  );
}
