import { createSignal, Show } from "solid-js";
import { checkBody, inboxLimits } from "../../../shared/contracts/inbox.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary } from "../../ui/error-summary.tsx";
import { TextArea } from "../../ui/text-area.tsx";
import { CharacterCount } from "./character-count.tsx";

/**
 * A reply box with its visible limit. The text is checked as the server will check it; a
 * problem is shown in an error summary and nothing typed is lost. `send` answers a code when
 * the reply could not be sent (the clinician's online reply); the box is emptied on success.
 */
export function ReplyForm(props: {
  id: string;
  label: string;
  submitLabel: string;
  value: string;
  onInput: (value: string) => void;
  send: (
    body: string,
  ) => Promise<{ ok: true } | { ok: false; code: ErrorCode; retryAfterSeconds?: number }>;
}) {
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [fieldProblem, setFieldProblem] = createSignal<ErrorCode>();
  const [retryAfter, setRetryAfter] = createSignal<number>();
  const [attempt, setAttempt] = createSignal(0);
  const [sending, setSending] = createSignal(false);
  const fieldError = () => {
    const code = fieldProblem();
    return code ? t(`errors.${code}.message`) : undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    const local = checkBody(props.value);
    setRetryAfter(undefined);
    if (local) {
      setProblem(undefined);
      setFieldProblem(local);
      setAttempt(attempt() + 1);
      return;
    }
    setSending(true);
    const result = await props.send(props.value);
    setSending(false);
    if (result.ok) {
      setProblem(undefined);
      setFieldProblem(undefined);
      return;
    }
    const isField =
      result.code === "MSG-910" || result.code === "MSG-911" || result.code === "REQ-307";
    setFieldProblem(isField ? result.code : undefined);
    setProblem(isField ? undefined : result.code);
    setRetryAfter(result.retryAfterSeconds);
    setAttempt(attempt() + 1);
  };

  return (
    <form class="form inbox-reply" novalidate onSubmit={submit}>
      <Show when={fieldProblem() || problem()}>
        <ErrorSummary
          errors={fieldError() ? [{ fieldId: props.id, text: fieldError() as string }] : []}
          problem={problem()}
          attempt={attempt()}
          retryAfterSeconds={retryAfter()}
        />
      </Show>
      <TextArea
        id={props.id}
        name="body"
        label={props.label}
        hint={t("inbox.new.body.hint", { max: inboxLimits.body })}
        error={fieldError()}
        value={props.value}
        onInput={props.onInput}
      />
      <CharacterCount id={`${props.id}-count`} value={props.value} max={inboxLimits.body} />
      <div class="button-row">
        <Button variant="primary" type="submit" aria-disabled={sending() ? "true" : undefined}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  );
}
