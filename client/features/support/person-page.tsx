import { useLocation, useParams, useSearchParams } from "@solidjs/router";
import { createResource, createSignal, For, type JSX, Show } from "solid-js";
import type { PersonKind, PersonState, SignInEvent } from "../../../shared/contracts/support.ts";
import { formatDate, formatTime } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";
import { AccountActionsForm } from "./account-actions-form.tsx";
import { DiagnosticReportView } from "./diagnostic-report.tsx";
import { GuideScript } from "./guide-script.tsx";
import { IdentityCheckForm } from "./identity-check-form.tsx";
import { IdentityChecklist } from "./identity-checklist.tsx";
import { StaffOnly } from "./staff-only.tsx";
import { fetchPerson, fetchRequest } from "./support-api.ts";
import { wordsFor } from "./support-words.ts";
import "./support.css";

/**
 * /support/accounts/:id and /support/patients/:id: an account's state (never clinical data),
 * the identity checklist, the actions, and beside them the guide for the person's problem as
 * a script. `?request=` keeps the help request the page was opened from, whose report and
 * guide then lead.
 */
export default function PersonPage() {
  return (
    <StaffOnly>
      <PersonContent />
    </StaffOnly>
  );
}

function PersonContent() {
  const params = useParams();
  const location = useLocation();
  const [search] = useSearchParams();
  const kind = (): PersonKind =>
    location.pathname.startsWith("/support/patients/") ? "patient" : "account";
  const [state, { refetch }] = createResource(
    () => ({ kind: kind(), id: params.id ?? "" }),
    (key) => fetchPerson(key.kind, key.id),
  );
  const reference = () => (typeof search.request === "string" ? search.request : "");
  const [request] = createResource(reference, (ref) => (ref ? fetchRequest(ref) : undefined));
  const [justVerified, setJustVerified] = createSignal<string>();
  const person = () => {
    const result = state();
    return result?.ok ? result.data : undefined;
  };
  const failure = () => {
    const result = state();
    return result && !result.ok ? result.code : undefined;
  };
  const fromRequest = () => {
    const result = request();
    return result?.ok ? result.data : undefined;
  };
  const title = () => {
    const current = person();
    if (!current) return t("support.title");
    return current.kind === "account"
      ? t("support.person.title", { name: current.displayName })
      : t("support.person.patientTitle", { name: current.displayName });
  };

  return (
    <Page title={title()}>
      <p>
        <a href={reference() ? `/support/requests/${reference()}` : "/support"}>
          {t("support.back")}
        </a>
      </p>
      <Show when={state.loading && !state()}>
        <p>{t("support.loading")}</p>
      </Show>
      <Show when={failure()}>{(code) => <ErrorExplanation code={code()} />}</Show>
      <Show when={person()}>
        {(current) => {
          const verifiedUntil = () => justVerified() ?? current().verifiedUntil;
          return (
            <div class="support-columns">
              <div>
                <AccountState state={current()} />
                <IdentityChecklist
                  kind={current().kind}
                  id={current().id}
                  onFile={current().onFile}
                  verifiedUntil={verifiedUntil()}
                  onVerified={setJustVerified}
                />
                <Show
                  when={verifiedUntil()}
                  fallback={<p class="support-panel">{t("support.verify.needed")}</p>}
                >
                  <AccountActionsForm
                    kind={current().kind}
                    id={current().id}
                    onDone={() => void refetch()}
                  />
                </Show>
                <Show when={current().kind === "account"}>
                  <IdentityCheckForm id={current().id} />
                </Show>
              </div>
              <GuideScript
                guide={fromRequest()?.guide ?? current().guide}
                report={fromRequest()?.diagnostic ?? current().diagnostics[0] ?? null}
              />
            </div>
          );
        }}
      </Show>
    </Page>
  );
}

function Fact(props: { term: string; children: JSX.Element }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children}</dd>
    </>
  );
}

function AccountState(props: { state: PersonState }) {
  const s = () => props.state;
  const yesNo = (value: boolean) => (value ? t("support.person.yes") : t("support.person.no"));
  return (
    <section class="support-panel" aria-labelledby="support-state-heading">
      <h2 id="support-state-heading">{t("support.person.stateHeading")}</h2>
      <dl class="support-facts">
        <Show when={s().username}>
          {(username) => (
            <Fact term={t("support.person.username")}>
              <bdi>{username()}</bdi>
            </Fact>
          )}
        </Show>
        <Fact term={t("support.person.activated")}>{yesNo(s().activated)}</Fact>
        <Fact term={t("support.person.record")}>{yesNo(s().hasRecord)}</Fact>
        <Show when={s().activated}>
          <Fact term={t("support.person.email")}>
            <bdi>{s().email ?? t("support.person.none")}</bdi>
          </Fact>
          <Fact term={t("support.person.phone")}>
            <bdi>{s().phone ?? t("support.person.none")}</bdi>
          </Fact>
          <Fact term={t("support.person.throttle")}>
            {s().throttle.blockedUntil
              ? t("support.person.throttledUntil", {
                  time: formatTime(s().throttle.blockedUntil ?? 0),
                  count: s().throttle.failures,
                })
              : t("support.person.notThrottled", { count: s().throttle.failures })}
          </Fact>
          <Fact term={t("support.person.secondStep")}>
            {s().secondStep.length > 0
              ? s()
                  .secondStep.map((method) => wordsFor(`support.method.${method}`))
                  .join(", ")
              : t("support.person.noSecondStep")}
          </Fact>
          <Fact term={t("support.person.sessions")}>
            {t("support.person.sessionCount", { count: s().liveSessions })}
          </Fact>
          <Show when={s().mustChangePassword}>
            <Fact term={t("support.person.mustChange")}>{t("support.person.yes")}</Fact>
          </Show>
          <Fact term={t("support.person.errorCodes")}>
            {s().errorCodes.length > 0 ? s().errorCodes.join(", ") : t("support.person.noEvents")}
          </Fact>
        </Show>
      </dl>
      <Show when={s().activated}>
        <EventTable heading={t("support.person.signInsHeading")} events={s().signIns} />
        <EventTable heading={t("support.person.failuresHeading")} events={s().failures} />
        <Show when={s().helpRequests.length > 0}>
          <h3>{t("support.person.requestsHeading")}</h3>
          <ul class="support-list">
            <For each={s().helpRequests}>
              {(item) => (
                <li>
                  <a href={`/support/requests/${item.reference}`}>{item.reference}</a>{" "}
                  <span class="secondary-text">
                    {formatDate(item.createdAt)} · {t(`support.queue.${item.status}_status`)}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <For each={s().diagnostics}>
          {(report) => <DiagnosticReportView report={report} headingLevel={3} />}
        </For>
      </Show>
    </section>
  );
}

function EventTable(props: { heading: string; events: SignInEvent[] }) {
  return (
    <>
      <h3>{props.heading}</h3>
      <Show when={props.events.length > 0} fallback={<p>{t("support.person.noEvents")}</p>}>
        <div class="support-table-wrap">
          <table class="support-table">
            <thead>
              <tr>
                <th scope="col">{t("support.person.when")}</th>
                <th scope="col">{t("support.person.how")}</th>
                <th scope="col">{t("support.person.codeColumn")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.events}>
                {(event) => (
                  <tr>
                    <td>
                      {formatDate(event.at)} {formatTime(event.at)}
                    </td>
                    <td>{wordsFor(`support.method.${event.method ?? "unknown"}`)}</td>
                    <td>{event.code ?? "—"}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </>
  );
}
