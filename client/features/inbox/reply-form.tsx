import { checkBody, inboxLimits } from "../../../shared/contracts/inbox.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { type CodeFailure, createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
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
  // What is wrong with the text itself is said beside the box; anything else by its code.
  const textFailure = (code: ErrorCode): CodeFailure | undefined =>
    code === "MSG-910" || code === "MSG-911" || code === "REQ-307"
      ? { fields: [{ fieldId: props.id, text: () => t(`errors.${code}.message`) }], explain: false }
      : undefined;
  const form = createFormState({ codeFailure: textFailure });

  const submit = form.handleSubmit(() => {
    const local = checkBody(props.value);
    if (local) return form.fail(textFailure(local)?.fields ?? []);
    const body = props.value;
    return form.send(
      async () => {
        const result = await props.send(body);
        return result.ok ? { ok: true as const, data: undefined } : result;
      },
      () => {},
    );
  });

  return (
    <form class="form inbox-reply" novalidate onSubmit={submit}>
      <FormSummary form={form} />
      <TextArea
        id={props.id}
        name="body"
        label={props.label}
        hint={t("inbox.new.body.hint", { max: inboxLimits.body })}
        error={form.messageFor(props.id)}
        value={props.value}
        onInput={props.onInput}
      />
      <CharacterCount id={`${props.id}-count`} value={props.value} max={inboxLimits.body} />
      <div class="button-row">
        <Button variant="primary" type="submit" aria-disabled={form.pending() ? "true" : undefined}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  );
}
