import { createSignal, Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { askForUsername } from "./access-api.ts";

/** Roughly an email address: the server's check is the one that counts. */
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const emailInvalid: FieldFailure = {
  fieldId: "email",
  text: () => t("access.forgotUsername.email.invalid"),
};

/**
 * Forgot username (/forgot-username): the email address on file, and the username is sent to
 * it. The page answers the same whether any account has that address.
 */
export default function ForgotUsernamePage() {
  // Any problem the server finds with the address is "enter an address like…".
  const form = createFormState({
    codeFailure: (code) =>
      code === "REQ-302" ? { fields: [emailInvalid], explain: false } : undefined,
  });
  const [email, setEmail] = createSignal("");
  const [sentTo, setSentTo] = createSignal<string>();

  const submit = form.handleSubmit(() => {
    const typed = email().trim();
    if (typed === "")
      return form.fail([
        { fieldId: "email", text: () => t("access.forgotUsername.email.required") },
      ]);
    if (!emailShape.test(typed)) return form.fail([emailInvalid]);
    announce(t("access.forgotUsername.sending"));
    return form.send(
      () => askForUsername(typed),
      () => setSentTo(typed),
    );
  });

  return (
    <Switch>
      <Match when={sentTo()}>
        {(to) => (
          <Page title={t("access.forgotUsername.doneTitle")}>
            <p>{t("access.forgotUsername.done", { email: to() })}</p>
            <ul class="access-links">
              <li>
                <a href="/sign-in">{t("access.forgotUsername.signIn")}</a>
              </li>
              <li>
                <a href="/help/forgot-username">{t("access.forgotUsername.help")}</a>
              </li>
            </ul>
          </Page>
        )}
      </Match>
      <Match when={!sentTo()}>
        <Page title={t("access.forgotUsername.title")} hasErrors={form.failed()}>
          <FormSummary form={form} />
          <p>{t("access.forgotUsername.intro")}</p>
          <form class="form" novalidate onSubmit={submit}>
            <TextField
              id="email"
              name="email"
              type="email"
              label={t("access.forgotUsername.email.label")}
              error={form.messageFor("email")}
              value={email()}
              onInput={setEmail}
              autocomplete="email"
              autocapitalize="none"
              spellcheck={false}
            />
            <div class="button-row">
              <Button
                variant="primary"
                type="submit"
                aria-disabled={form.pending() ? "true" : undefined}
              >
                {t("access.forgotUsername.send")}
              </Button>
              <Show when={form.pending()}>
                <span class="secondary-text">{t("access.forgotUsername.sending")}</span>
              </Show>
            </div>
          </form>
          <ul class="access-links">
            <li>
              <a href="/forgot-password">{t("access.links.forgotPassword")}</a>
            </li>
            <li>
              <a href="/sign-in">{t("access.links.signIn")}</a>
            </li>
          </ul>
        </Page>
      </Match>
    </Switch>
  );
}
