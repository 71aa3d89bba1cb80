import { createSignal } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
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
  const form = createFormState();

  const submit = form.handleSubmit(async () => {
    setVisible(false);
    if (password() === "")
      return form.fail([{ fieldId: "reauth-password", text: () => t("signIn.password.required") }]);
    const result = await form.send(() => reauthenticate(password()), props.onDone);
    if (result && !result.ok) setPassword("");
  });

  return (
    <section aria-labelledby="reauth-heading">
      <FocusedHeading>
        <span id="reauth-heading">{t("reauth.heading")}</span>
      </FocusedHeading>
      <FormSummary form={form} />
      <p>{t("reauth.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <PasswordField
          id="reauth-password"
          name="password"
          label={t("signIn.password.label")}
          error={form.messageFor("reauth-password")}
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
