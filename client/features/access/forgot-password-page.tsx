import { createSignal, Match, Show, Switch } from "solid-js";
import type { FieldProblem } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { announce } from "../../ui/live-region.tsx";
import {
  checkNewPassword,
  NewPasswordField,
  newPasswordMessage,
} from "../../ui/new-password-field.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { finishPasswordReset, startPasswordReset } from "./access-api.ts";
import { createFormFailure, FailureSummary, type FieldFailure } from "./form-failure.tsx";

/**
 * Forgot password (/forgot-password): a name, then the code sent to the email or phone on file
 * with a new password, then "sign in again". The page says the same whether an account was
 * found ("if an account matches…"), as the server does. A reset signs nobody in: the person
 * signs in with the new password and their second step (ASVS 6.4.3, 6.4.4).
 */
export default function ForgotPasswordPage() {
  const [step, setStep] = createSignal<"ask" | "code" | "done">("ask");
  const [username, setUsername] = createSignal("");
  const [minutes, setMinutes] = createSignal(10);

  return (
    <Switch>
      <Match when={step() === "ask"}>
        <AskStep
          username={username()}
          onUsername={setUsername}
          onSent={(valid) => {
            setMinutes(valid);
            setStep("code");
          }}
        />
      </Match>
      <Match when={step() === "code"}>
        <CodeStep username={username()} minutes={minutes()} onDone={() => setStep("done")} />
      </Match>
      <Match when={step() === "done"}>
        <Page title={t("access.forgotPassword.doneTitle")}>
          <p>{t("access.forgotPassword.done")}</p>
          <p>
            <a class="button button--primary" href="/sign-in">
              {t("access.forgotPassword.signIn")}
            </a>
          </p>
        </Page>
      </Match>
    </Switch>
  );
}

function AskStep(props: {
  username: string;
  onUsername: (name: string) => void;
  onSent: (minutes: number) => void;
}) {
  const failure = createFormFailure();
  const [sending, setSending] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    if (props.username.trim() === "")
      return failure.fail([
        { fieldId: "username", text: () => t("access.forgotPassword.username.required") },
      ]);
    setSending(true);
    announce(t("access.forgotPassword.sending"));
    const result = await startPasswordReset(props.username.trim());
    setSending(false);
    if (result.ok) return props.onSent(result.data.minutes);
    failure.fail([], result.code, result.retryAfterSeconds);
  };

  return (
    <Page title={t("access.forgotPassword.title")} hasErrors={failure.failed()}>
      <FailureSummary failure={failure} />
      <p>{t("access.forgotPassword.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="username"
          name="username"
          label={t("access.forgotPassword.username.label")}
          error={failure.messageFor("username")}
          value={props.username}
          onInput={props.onUsername}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
        />
        <div class="button-row">
          <Button variant="primary" type="submit" aria-disabled={sending() ? "true" : undefined}>
            {t("access.forgotPassword.send")}
          </Button>
          <Show when={sending()}>
            <span class="secondary-text">{t("access.forgotPassword.sending")}</span>
          </Show>
        </div>
      </form>
      <ul class="access-links">
        <li>
          <a href="/forgot-username">{t("access.links.forgotUsername")}</a>
        </li>
        <li>
          <a href="/sign-in">{t("access.links.signIn")}</a>
        </li>
      </ul>
    </Page>
  );
}

function CodeStep(props: { username: string; minutes: number; onDone: () => void }) {
  const failure = createFormFailure();
  const [code, setCode] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [sending, setSending] = createSignal(false);

  const passwordFailure = (problem: FieldProblem["problem"]): FieldFailure => ({
    fieldId: "new-password",
    text: () => newPasswordMessage(problem),
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (sending()) return;
    const typed = code().replace(/\s/g, "");
    const found: FieldFailure[] = [];
    if (typed === "")
      found.push({ fieldId: "code", text: () => t("access.forgotPassword.code.required") });
    else if (!/^\d{6}$/.test(typed))
      found.push({ fieldId: "code", text: () => t("access.forgotPassword.code.invalid") });
    const problem = checkNewPassword(password());
    if (problem) found.push(passwordFailure(problem));
    if (found.length > 0) return failure.fail(found);
    setSending(true);
    announce(t("access.forgotPassword.changing"));
    const result = await finishPasswordReset({
      username: props.username,
      code: typed,
      password: password(),
    });
    setSending(false);
    if (result.ok) return props.onDone();
    if (result.code === "AUTH-115")
      return failure.fail(
        [{ fieldId: "code", text: () => t("errors.AUTH-115.message") }],
        "AUTH-115",
      );
    const fields = (result.fields ?? []).flatMap((f): FieldFailure[] =>
      f.field === "password" ? [passwordFailure(f.problem)] : [],
    );
    if (result.code === "REQ-302" && fields.length > 0) return failure.fail(fields);
    failure.fail([], result.code, result.retryAfterSeconds);
  };

  const sendAgain = async () => {
    if (sending()) return;
    setSending(true);
    announce(t("access.forgotPassword.sending"));
    const result = await startPasswordReset(props.username);
    setSending(false);
    if (!result.ok) return failure.fail([], result.code, result.retryAfterSeconds);
    failure.clear();
    setCode("");
    announce(t("access.forgotPassword.sent", { minutes: result.data.minutes }));
    document.getElementById("code")?.focus();
  };

  return (
    <Page title={t("access.forgotPassword.codeTitle")} hasErrors={failure.failed()}>
      <FailureSummary failure={failure} />
      <StatusBanner
        tone="info"
        title={t("access.forgotPassword.sent", { minutes: props.minutes })}
      />
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="code"
          name="code"
          label={t("access.forgotPassword.code.label")}
          hint={t("access.forgotPassword.code.hint")}
          error={failure.messageFor("code")}
          value={code()}
          onInput={setCode}
          autocomplete="one-time-code"
          inputmode="numeric"
          spellcheck={false}
        />
        <NewPasswordField
          value={password()}
          onInput={setPassword}
          error={failure.messageFor("new-password")}
          userInputs={[props.username]}
        />
        <div class="button-row">
          <Button variant="primary" type="submit" aria-disabled={sending() ? "true" : undefined}>
            {t("access.forgotPassword.change")}
          </Button>
          <Button onClick={sendAgain}>{t("access.forgotPassword.sendAgain")}</Button>
          <Show when={sending()}>
            <span class="secondary-text">{t("access.forgotPassword.changing")}</span>
          </Show>
        </div>
      </form>
      <p>
        <a href="/sign-in">{t("access.links.signIn")}</a>
      </p>
    </Page>
  );
}
