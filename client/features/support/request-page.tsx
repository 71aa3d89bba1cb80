import { useParams } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { formatDate, formatTime } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { DiagnosticReportView } from "./diagnostic-report.tsx";
import { GuideScript } from "./guide-script.tsx";
import { PersonSearch } from "./person-search.tsx";
import { StaffOnly } from "./staff-only.tsx";
import { fetchRequest, markHandled, personHref } from "./support-api.ts";
import "./support.css";

/**
 * /support/requests/:reference: one help request, the device report its code points to, the
 * guide that fits as a script, and the way to the person's account (search, prefilled with
 * how they asked to be reached).
 */
export default function RequestPage() {
  return (
    <StaffOnly>
      <RequestContent />
    </StaffOnly>
  );
}

function RequestContent() {
  const params = useParams();
  const [detail, { refetch }] = createResource(() => params.reference ?? "", fetchRequest);
  const [problem, setProblem] = createSignal<ErrorCode>();
  const request = () => {
    const result = detail();
    return result?.ok ? result.data : undefined;
  };
  const failure = () => {
    const result = detail();
    return result && !result.ok ? result.code : undefined;
  };
  const toggle = async (handled: boolean) => {
    const result = await markHandled(params.reference ?? "", handled);
    if (!result.ok) return setProblem(result.code);
    setProblem(undefined);
    announce(handled ? t("support.request.markedHandled") : t("support.request.reopened"));
    await refetch();
  };

  return (
    <Page title={t("support.request.title", { reference: params.reference ?? "" })}>
      <p>
        <a href="/support">{t("support.back")}</a>
      </p>
      <Show when={detail.loading && !detail()}>
        <p>{t("support.loading")}</p>
      </Show>
      <Show when={failure() ?? problem()}>{(code) => <ErrorExplanation code={code()} />}</Show>
      <Show when={request()}>
        {(current) => (
          <div class="support-columns">
            <div>
              <section class="support-panel" aria-labelledby="support-request-heading">
                <h2 id="support-request-heading">{t("support.request.message")}</h2>
                <dl class="support-facts">
                  <dt>{t("support.request.from")}</dt>
                  <dd>
                    <bdi>{current().name}</bdi>
                  </dd>
                  <dt>{t("support.request.contact")}</dt>
                  <dd>
                    <bdi>{current().contact}</bdi>
                  </dd>
                  <dt>{t("support.request.language")}</dt>
                  <dd>{current().locale}</dd>
                  <dt>{t("support.request.status")}</dt>
                  <dd>{t(`support.queue.${current().status}_status`)}</dd>
                </dl>
                <p class="secondary-text">
                  {t("support.queue.received", {
                    date: formatDate(current().createdAt),
                    time: formatTime(current().createdAt),
                  })}
                </p>
                <p class="support-quote">
                  <bdi>{current().message}</bdi>
                </p>
                <Button onClick={() => void toggle(current().status === "open")}>
                  {current().status === "open"
                    ? t("support.request.markHandled")
                    : t("support.request.reopen")}
                </Button>
              </section>
              <Show
                when={current().diagnostic}
                fallback={<p class="support-panel">{t("support.request.noReport")}</p>}
              >
                {(report) => <DiagnosticReportView report={report()} headingLevel={2} />}
              </Show>
              <Show when={current().userId}>
                {(userId) => (
                  <p>
                    <a href={personHref("account", userId(), current().reference)}>
                      {t("support.request.findAccount")}
                    </a>
                  </p>
                )}
              </Show>
              <PersonSearch
                initialQuery={current().contact.includes("@") ? current().contact : ""}
                reference={current().reference}
              />
            </div>
            <GuideScript guide={current().guide} report={current().diagnostic} />
          </div>
        )}
      </Show>
    </Page>
  );
}
