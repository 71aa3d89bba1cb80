import { createSignal, For, Show } from "solid-js";
import type { AccountAction, ActionAnswer, PersonKind } from "../../../shared/contracts/support.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { formatDate } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary, type FieldError } from "../../ui/error-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { runAction } from "./support-api.ts";

const actionsFor: Record<PersonKind, readonly AccountAction[]> = {
  account: ["temporary-password", "clear-throttle", "remove-second-step", "end-sessions"],
  patient: ["activation-code"],
};

/**
 * The actions on an account: one at a time, chosen from radio buttons (one clear choice, no
 * accidental double action), with the reason that goes into the audit log. A temporary
 * password or activation code is shown once, to be read out to the caller.
 */
export function AccountActionsForm(props: { kind: PersonKind; id: string; onDone: () => void }) {
  const [action, setAction] = createSignal<AccountAction>();
  const [reason, setReason] = createSignal("");
  const [errors, setErrors] = createSignal<FieldError[]>([]);
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [attempt, setAttempt] = createSignal(0);
  const [working, setWorking] = createSignal(false);
  const [answer, setAnswer] = createSignal<ActionAnswer>();
  let doneHeading: HTMLHeadingElement | undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (working()) return;
    const chosen = action();
    const found: FieldError[] = [];
    if (!chosen) {
      const first = actionsFor[props.kind][0];
      found.push({ fieldId: `action-${first}`, text: t("support.actions.chooseRequired") });
    }
    if (!reason().trim())
      found.push({ fieldId: "action-reason", text: t("support.actions.reasonRequired") });
    if (found.length > 0 || !chosen) {
      setErrors(found);
      setProblem(undefined);
      setAttempt(attempt() + 1);
      return;
    }
    setWorking(true);
    announce(t("support.actions.working"));
    const result = await runAction(props.kind, props.id, chosen, reason().trim());
    setWorking(false);
    if (!result.ok) {
      setErrors([]);
      setProblem(result.code);
      setAttempt(attempt() + 1);
      return;
    }
    setErrors([]);
    setProblem(undefined);
    setAnswer(result.data);
    setReason("");
    doneHeading?.focus();
    announce(t("support.actions.done", { action: t(`support.actions.${chosen}`) }));
    props.onDone();
  };
  const fieldError = (id: string) => errors().find((error) => error.fieldId === id)?.text;

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
            <Show when={done().secret}>
              {(secret) => (
                <p>
                  {t("support.actions.secret", { secret: "" })}
                  <strong class="support-secret" data-testid="support-secret">
                    {secret()}
                  </strong>
                </p>
              )}
            </Show>
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
      <Show when={errors().length > 0 || problem()}>
        <ErrorSummary errors={errors()} problem={problem()} attempt={attempt()} />
      </Show>
      <form class="form" novalidate onSubmit={submit}>
        <fieldset
          class="support-choices"
          aria-describedby={
            fieldError(`action-${actionsFor[props.kind][0]}`) ? "action-choose-error" : undefined
          }
        >
          <legend class="field__label">{t("support.actions.choose")}</legend>
          <Show
            when={errors().find(
              (error) => error.fieldId.startsWith("action-") && error.fieldId !== "action-reason",
            )}
          >
            {(error) => (
              <p class="field__error" id="action-choose-error">
                {error().text}
              </p>
            )}
          </Show>
          <For each={actionsFor[props.kind]}>
            {(value) => (
              <div class="support-choice">
                <input
                  type="radio"
                  id={`action-${value}`}
                  name="action"
                  value={value}
                  checked={action() === value}
                  onChange={() => setAction(value)}
                />
                <label for={`action-${value}`}>{t(`support.actions.${value}`)}</label>
              </div>
            )}
          </For>
        </fieldset>
        <TextField
          id="action-reason"
          name="reason"
          label={t("support.actions.reason")}
          hint={t("support.actions.reasonHint")}
          value={reason()}
          onInput={setReason}
          error={fieldError("action-reason")}
        />
        <Button type="submit" variant="primary" aria-disabled={working() ? "true" : undefined}>
          {t("support.actions.submit")}
        </Button>
      </form>
    </section>
  );
}
