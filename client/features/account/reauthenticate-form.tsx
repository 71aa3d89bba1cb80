import { createSignal, Show } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary } from "../../ui/error-summary.tsx";
import { PasswordField } from "../../ui/password-field.tsx";
import { reauthenticate } from "./account-api.ts";
import { FocusedHeading } from "./focused-heading.tsx";

/**
 * "Confirm it's you": the password again before a change to how the account signs in, when
 * the last proof is more than five minutes old (AUTH-108; ASVS 7.5.1).
 */
export function ReauthenticateForm(props: { onDone: () => void; onCancel: () => void }) {
  const [password, setPassword] = createSignal("");
  const [visible, setVisible] = createSignal(false);
  const [fieldError, setFieldError] = createSignal<string>();
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [wait, setWait] = createSignal<number>();
  const [attempt, setAttempt] = createSignal(0);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setVisible(false);
    setAttempt(attempt() + 1);
    if (password() === "") {
      setProblem(undefined);
      return setFieldError(t("signIn.password.required"));
    }
    setFieldError(undefined);
    const result = await reauthenticate(password());
    if (result.ok) return props.onDone();
    setPassword("");
    setProblem(result.code);
    setWait(result.retryAfterSeconds);
  };

  return (
    <section aria-labelledby="reauth-heading">
      <FocusedHeading>
        <span id="reauth-heading">{t("reauth.heading")}</span>
      </FocusedHeading>
      <Show when={fieldError() || problem()}>
        <ErrorSummary
          errors={fieldError() ? [{ fieldId: "reauth-password", text: fieldError() ?? "" }] : []}
          problem={problem()}
          attempt={attempt()}
          retryAfterSeconds={wait()}
        />
      </Show>
      <p>{t("reauth.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <PasswordField
          id="reauth-password"
          name="password"
          label={t("signIn.password.label")}
          error={fieldError()}
          value={password()}
          onInput={setPassword}
          autocomplete="current-password"
          visible={visible()}
          onVisibleChange={setVisible}
        />
        <div class="button-row">
          <Button variant="primary" type="submit">
            {t("reauth.submit")}
          </Button>
          <Button onClick={props.onCancel}>{t("account.cancel")}</Button>
        </div>
      </form>
    </section>
  );
}
