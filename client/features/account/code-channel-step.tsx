import { createSignal } from "solid-js";
import type { CodeSent } from "../../../shared/contracts/auth.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { OneTimeCodeField, oneTimeCodeProblem, typedCode } from "../../ui/one-time-code-field.tsx";
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
  const form = createFormState();

  const submit = form.handleSubmit(async () => {
    const typed = typedCode(code());
    const problem = oneTimeCodeProblem(typed);
    if (problem) {
      const key = problem === "required" ? "secondStep.code.required" : "secondStep.code.invalid";
      return form.fail([{ fieldId: "channel-code", text: () => t(key) }]);
    }
    const result = await form.send(() => confirmCodeChannel(typed), props.onConfirmed);
    // A refused code is not tried again as it was.
    if (result && !result.ok) setCode("");
  });

  return (
    <section aria-labelledby="channel-heading">
      <FocusedHeading>
        <span id="channel-heading">{t("twoStep.codes.confirmHeading")}</span>
      </FocusedHeading>
      <FormSummary form={form} />
      <p>{t("secondStep.sent", { to: props.sent.to })}</p>
      <form class="form" novalidate onSubmit={submit}>
        <OneTimeCodeField
          id="channel-code"
          label={t("secondStep.sentCode.label")}
          hint={t("secondStep.sentCode.hint")}
          error={form.messageFor("channel-code")}
          value={code()}
          onInput={setCode}
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
