import { createResource, createSignal, For, Show } from "solid-js";
import type { IdentityCheck, IdentityCheckDecided } from "../../../shared/contracts/support.ts";
import { formatDate, formatList, formatTime } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { decideIdentityCheck, fetchIdentityChecks } from "./support-api.ts";

/** What the page shows and the live region says once a decision is in. */
export function decisionText(decided: IdentityCheckDecided): string {
  if (decided.status === "declined") return t("support.pending.declined");
  const to = formatList(decided.sentTo.map((s) => s.to));
  if (decided.told.length === 0) return t("support.pending.approvedNoneTold", { to });
  return t("support.pending.approved", { to, told: formatList(decided.told.map((s) => s.to)) });
}

/**
 * The identity checks waiting for a second member of staff (the two-person rule,
 * docs/security.md). A check shows what the colleague saw; its own recorder sees it without the
 * buttons, and the server refuses them anyway (SUP-108).
 */
export function PendingChecks() {
  const [checks, { refetch }] = createResource(fetchIdentityChecks);
  const list = () => {
    const result = checks();
    return result?.ok ? result.data.checks : undefined;
  };
  const failure = () => {
    const result = checks();
    return result && !result.ok ? result.code : undefined;
  };
  const [outcome, setOutcome] = createSignal<string>();
  let outcomeHeading: HTMLHeadingElement | undefined;
  const decided = (text: string) => {
    setOutcome(text);
    void refetch();
    outcomeHeading?.focus();
    announce(text);
  };
  return (
    <section class="support-panel" aria-labelledby="support-pending-heading">
      <h2 id="support-pending-heading">{t("support.pending.heading")}</h2>
      <p>{t("support.pending.intro")}</p>
      <Show when={outcome()}>
        {(text) => (
          <StatusBanner tone="success">
            <h3 tabIndex={-1} ref={outcomeHeading}>
              {text()}
            </h3>
          </StatusBanner>
        )}
      </Show>
      <Show when={failure()}>{(code) => <ErrorExplanation code={code()} />}</Show>
      <Show when={list()}>
        {(shown) => (
          <Show when={shown().length > 0} fallback={<p>{t("support.pending.empty")}</p>}>
            <ul class="support-list">
              <For each={shown()}>
                {(check) => <PendingCheck check={check} onDecided={decided} />}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}

function PendingCheck(props: { check: IdentityCheck; onDecided: (text: string) => void }) {
  const [reason, setReason] = createSignal("");
  const form = createFormState();
  const reasonId = `decision-reason-${props.check.id}`;
  const headingId = `check-${props.check.id}`;

  const decide = (approve: boolean) => {
    if (form.pending()) return;
    if (!reason().trim())
      return form.fail([{ fieldId: reasonId, text: () => t("support.pending.reasonRequired") }]);
    announce(t("support.pending.working"));
    return form.send(
      () => decideIdentityCheck(props.check.id, approve, reason().trim()),
      (data) => props.onDecided(decisionText(data)),
    );
  };

  return (
    <li>
      <h3 id={headingId}>
        {t("support.pending.summary", {
          name: props.check.person.displayName,
          kind: t(`support.identity.${props.check.kind}`),
          by: props.check.requestedBy,
        })}
      </h3>
      <p class="secondary-text">
        {formatDate(props.check.createdAt)} {formatTime(props.check.createdAt)}
      </p>
      <p class="support-quote">
        <bdi>{t("support.pending.document", { document: props.check.document })}</bdi>
      </p>
      <p>{t("support.pending.newContact", { to: props.check.newContact.to })}</p>
      <Show when={props.check.removeSecondStep}>
        <p>{t("support.pending.removesSecondStep")}</p>
      </Show>
      <Show
        when={!props.check.mine}
        fallback={<p class="secondary-text">{t("support.pending.mine")}</p>}
      >
        <FormSummary form={form} />
        <form
          class="form"
          novalidate
          aria-labelledby={headingId}
          onSubmit={form.handleSubmit(() => decide(true))}
        >
          <TextField
            id={reasonId}
            name="reason"
            label={t("support.pending.reason")}
            hint={t("support.actions.reasonHint")}
            value={reason()}
            onInput={setReason}
            error={form.messageFor(reasonId)}
          />
          <div class="support-inline-form">
            <Button
              type="submit"
              variant="primary"
              aria-disabled={form.pending() ? "true" : undefined}
            >
              {t("support.pending.approve")}
            </Button>
            <Button
              type="button"
              aria-disabled={form.pending() ? "true" : undefined}
              onClick={() => void decide(false)}
            >
              {t("support.pending.decline")}
            </Button>
          </div>
        </form>
      </Show>
    </li>
  );
}
