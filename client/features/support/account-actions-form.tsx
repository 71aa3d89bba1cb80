import { createSignal, Show } from "solid-js";
import type { AccountAction, ActionAnswer, PersonKind } from "../../../shared/contracts/support.ts";
import { formatDate, formatList } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { RadioChoices } from "./radio-choices.tsx";
import { runAction } from "./support-api.ts";

const actionsFor: Record<PersonKind, readonly AccountAction[]> = {
  account: ["send-reset", "clear-throttle", "end-sessions"],
  patient: ["activation-code"],
};

/**
 * The actions on an account: one at a time, chosen from radio buttons (one clear choice, no
 * accidental double action), with the reason that goes into the audit log. A reset or
 * activation code is never shown: the page says which contact on file it went to
 * (docs/security.md).
 */
export function AccountActionsForm(props: { kind: PersonKind; id: string; onDone: () => void }) {
  const [action, setAction] = createSignal<AccountAction>();
  const [reason, setReason] = createSignal("");
  const form = createFormState();
  const [answer, setAnswer] = createSignal<ActionAnswer>();
  let doneHeading: HTMLHeadingElement | undefined;

  const submit = form.handleSubmit(() => {
    const chosen = action();
    const found: FieldFailure[] = [];
    if (!chosen) {
      const first = actionsFor[props.kind][0];
      found.push({ fieldId: `action-${first}`, text: () => t("support.actions.chooseRequired") });
    }
    if (!reason().trim())
      found.push({ fieldId: "action-reason", text: () => t("support.actions.reasonRequired") });
    if (found.length > 0 || !chosen) return form.fail(found);
    announce(t("support.actions.working"));
    return form.send(
      () => runAction(props.kind, props.id, chosen, reason().trim()),
      (data) => {
        setAnswer(data);
        setReason("");
        doneHeading?.focus();
        announce(
          [t("support.actions.done", { action: t(`support.actions.${chosen}`) }), sentToText(data)]
            .filter(Boolean)
            .join(" "),
        );
        props.onDone();
      },
    );
  });
  const fieldError = (id: string) => form.messageFor(id);

  return (
    <section class="support-panel" aria-labelledby="support-actions-heading">
      <h2 id="support-actions-heading">{t("support.actions.heading")}</h2>
      <p>{t("support.actions.intro")}</p>
      <Show when={answer()}>
        {(done) => (
          <StatusBanner tone="success">
            <h3 tabIndex={-1} ref={doneHeading}>
              {t("support.actions.done", { action: t(`support.actions.${done().action}`) })}
            </h3>
            <Show when={sentToText(done())}>{(text) => <p>{text()}</p>}</Show>
            <Show when={done().expiresAt}>
              {(at) => <p>{t("support.actions.expires", { date: formatDate(at()) })}</p>}
            </Show>
            <p>
              {done().notified
                ? t("support.actions.notified", {
                    channel: t(`support.actions.${done().notified ?? "email"}`),
                  })
                : t("support.actions.notNotified")}
            </p>
          </StatusBanner>
        )}
      </Show>
      <FormSummary form={form} />
      <form class="form" novalidate onSubmit={submit}>
        <RadioChoices
          id="action"
          legend={t("support.actions.choose")}
          values={actionsFor[props.kind]}
          label={(value) => t(`support.actions.${value}`)}
          value={action()}
          onChange={setAction}
          error={fieldError(`action-${actionsFor[props.kind][0]}`)}
        />
        <TextField
          id="action-reason"
          name="reason"
          label={t("support.actions.reason")}
          hint={t("support.actions.reasonHint")}
          value={reason()}
          onInput={setReason}
          error={fieldError("action-reason")}
        />
        <Button type="submit" variant="primary" aria-disabled={form.pending() ? "true" : undefined}>
          {t("support.actions.submit")}
        </Button>
      </form>
    </section>
  );
}

/** "The code went to n•••@example.org and •••• 0987…", or nothing when no code was sent. */
function sentToText(answer: ActionAnswer): string {
  const sent = answer.sentTo ?? [];
  if (sent.length === 0) return "";
  return t("support.actions.sentTo", { to: formatList(sent.map((s) => s.to)) });
}
