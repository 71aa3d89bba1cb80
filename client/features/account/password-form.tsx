import { createSignal, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary } from "../../ui/error-summary.tsx";
import {
  checkNewPassword,
  NewPasswordField,
  newPasswordMessage,
} from "../../ui/new-password-field.tsx";
import { FocusedHeading } from "./focused-heading.tsx";
import { ReauthenticateForm } from "./reauthenticate-form.tsx";
import { changePassword } from "./security-api.ts";
import { createSecurityChange } from "./security-change.ts";

/**
 * "Change password": the new one, checked by the shared policy (server/auth/password-policy.ts).
 * The server ends every other session and gives this one a new token (ASVS 7.4.3, 7.2.4).
 */
export function PasswordForm(props: {
  userInputs: readonly string[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = createSignal("");
  const change = createSecurityChange();
  const fieldError = () => {
    const found = change.fields().find((f) => f.field === "newPassword");
    return found ? newPasswordMessage(found.problem) : undefined;
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = checkNewPassword(password());
    if (problem) return change.fail([{ field: "newPassword", problem }]);
    await change.run(() => changePassword(password()), props.onDone);
  };

  return (
    <Show
      when={!change.reauth()}
      fallback={<ReauthenticateForm onDone={change.retry} onCancel={props.onCancel} />}
    >
      <section aria-labelledby="password-form-heading">
        <FocusedHeading>
          <span id="password-form-heading">{t("security.password.change")}</span>
        </FocusedHeading>
        <Show when={fieldError() || change.problem()}>
          <ErrorSummary
            errors={fieldError() ? [{ fieldId: "new-password", text: fieldError() ?? "" }] : []}
            problem={change.problem()}
            attempt={change.attempt()}
          />
        </Show>
        <p>{t("security.password.intro")}</p>
        <form class="form" novalidate onSubmit={submit}>
          <NewPasswordField
            label={t("security.password.newLabel")}
            value={password()}
            onInput={setPassword}
            error={fieldError()}
            userInputs={props.userInputs}
          />
          <div class="button-row">
            <Button variant="primary" type="submit">
              {t("security.password.change")}
            </Button>
            <Button onClick={props.onCancel}>{t("security.cancel")}</Button>
          </div>
        </form>
      </section>
    </Show>
  );
}
