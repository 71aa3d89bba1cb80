import { createSignal, Show } from "solid-js";
import type { FieldProblem } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import {
  checkNewPassword,
  NewPasswordField,
  newPasswordMessage,
} from "../../ui/new-password-field.tsx";
import { FocusedHeading } from "./focused-heading.tsx";
import { ReauthenticateForm } from "./reauthenticate-form.tsx";
import { changePassword } from "./security-api.ts";

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
  const passwordFailure = (problem: FieldProblem["problem"]) => ({
    fieldId: "new-password",
    text: () => newPasswordMessage(problem),
  });
  const change = createFormState({
    reauthenticate: true,
    fieldFailure: (f) => (f.field === "newPassword" ? passwordFailure(f.problem) : undefined),
  });

  const submit = change.handleSubmit(() => {
    const problem = checkNewPassword(password());
    if (problem) return change.fail([passwordFailure(problem)]);
    return change.send(() => changePassword(password()), props.onDone);
  });

  return (
    <Show
      when={!change.reauth()}
      fallback={<ReauthenticateForm onDone={change.retry} onCancel={props.onCancel} />}
    >
      <section aria-labelledby="password-form-heading">
        <FocusedHeading>
          <span id="password-form-heading">{t("security.password.change")}</span>
        </FocusedHeading>
        <FormSummary form={change} />
        <p>{t("security.password.intro")}</p>
        <form class="form" novalidate onSubmit={submit}>
          <NewPasswordField
            label={t("security.password.newLabel")}
            value={password()}
            onInput={setPassword}
            error={change.messageFor("new-password")}
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
