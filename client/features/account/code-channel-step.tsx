import { createSignal, Show } from "solid-js";
import type { CodeSent } from "../../../shared/contracts/auth.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary } from "../../ui/error-summary.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { confirmCodeChannel } from "./account-api.ts";
import { FocusedHeading } from "./focused-heading.tsx";

/**
 * Turning on codes by email or SMS: the code just sent to the address on file, typed back,
 * proves it arrives there before it can be a second step.
 */
export function CodeChannelStep(props: {
  sent: CodeSent;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = createSignal("");
  const [fieldError, setFieldError] = createSignal<string>();
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [wait, setWait] = createSignal<number>();
  const [attempt, setAttempt] = createSignal(0);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempt(attempt() + 1);
    const typed = code().replace(/\s/g, "");
    if (!/^\d{6}$/.test(typed)) {
      setProblem(undefined);
      return setFieldError(
        t(typed === "" ? "secondStep.code.required" : "secondStep.code.invalid"),
      );
    }
    setFieldError(undefined);
    const result = await confirmCodeChannel(typed);
    if (result.ok) return props.onConfirmed(result.data);
    setCode("");
    setProblem(result.code);
    setWait(result.retryAfterSeconds);
  };

  return (
    <section aria-labelledby="channel-heading">
      <FocusedHeading>
        <span id="channel-heading">{t("twoStep.codes.confirmHeading")}</span>
      </FocusedHeading>
      <Show when={fieldError() || problem()}>
        <ErrorSummary
          errors={fieldError() ? [{ fieldId: "channel-code", text: fieldError() ?? "" }] : []}
          problem={problem()}
          attempt={attempt()}
          retryAfterSeconds={wait()}
        />
      </Show>
      <p>{t("secondStep.sent", { to: props.sent.to })}</p>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="channel-code"
          name="code"
          label={t("secondStep.sentCode.label")}
          hint={t("secondStep.sentCode.hint")}
          error={fieldError()}
          value={code()}
          onInput={setCode}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
        />
        <div class="button-row">
          <Button variant="primary" type="submit">
            {t("twoStep.codes.confirm")}
          </Button>
          <Button onClick={props.onCancel}>{t("account.cancel")}</Button>
        </div>
      </form>
    </section>
  );
}
