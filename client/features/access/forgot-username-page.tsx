import { createSignal, Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { askForUsername } from "./access-api.ts";
import { createFormFailure, FailureSummary } from "./form-failure.tsx";

/** Roughly an email address: the server's check is the one that counts. */
const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Forgot username (/forgot-username): the email address on file, and the username is sent to
 * it. The page answers the same whether any account has that address.
 */
export default function ForgotUsernamePage() {
  const failure = createFormFailure();
  const [email, setEmail] = createSignal("");
  const [sending, setSending] = createSignal(false);
  const [sentTo, setSentTo] = createSignal<string>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    const typed = email().trim();
    if (typed === "")
      return failure.fail([
        { fieldId: "email", text: () => t("access.forgotUsername.email.required") },
      ]);
    if (!emailShape.test(typed))
      return failure.fail([
        { fieldId: "email", text: () => t("access.forgotUsername.email.invalid") },
      ]);
    setSending(true);
    announce(t("access.forgotUsername.sending"));
    const result = await askForUsername(typed);
    setSending(false);
    if (result.ok) return setSentTo(typed);
    if (result.code === "REQ-302")
      return failure.fail([
        { fieldId: "email", text: () => t("access.forgotUsername.email.invalid") },
      ]);
    failure.fail([], result.code, result.retryAfterSeconds);
  };

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
        <Page title={t("access.forgotUsername.title")} hasErrors={failure.failed()}>
          <FailureSummary failure={failure} />
          <p>{t("access.forgotUsername.intro")}</p>
          <form class="form" novalidate onSubmit={submit}>
            <TextField
              id="email"
              name="email"
              type="email"
              label={t("access.forgotUsername.email.label")}
              error={failure.messageFor("email")}
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
                aria-disabled={sending() ? "true" : undefined}
              >
                {t("access.forgotUsername.send")}
              </Button>
              <Show when={sending()}>
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
