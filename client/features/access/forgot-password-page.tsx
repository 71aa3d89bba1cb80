import { createSignal, Match, Show, Switch } from "solid-js";
import type { FieldProblem } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import {
  checkNewPassword,
  NewPasswordField,
  newPasswordMessage,
} from "../../ui/new-password-field.tsx";
import { OneTimeCodeField, oneTimeCodeProblem, typedCode } from "../../ui/one-time-code-field.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { finishPasswordReset, startPasswordReset } from "./access-api.ts";

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
  const form = createFormState();

  const submit = form.handleSubmit(() => {
    if (props.username.trim() === "")
      return form.fail([
        { fieldId: "username", text: () => t("access.forgotPassword.username.required") },
      ]);
    announce(t("access.forgotPassword.sending"));
    return form.send(
      () => startPasswordReset(props.username.trim()),
      (data) => props.onSent(data.minutes),
    );
  });

  return (
    <Page title={t("access.forgotPassword.title")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <p>{t("access.forgotPassword.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="username"
          name="username"
          label={t("access.forgotPassword.username.label")}
          error={form.messageFor("username")}
          value={props.username}
          onInput={props.onUsername}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
        />
        <div class="button-row">
          <Button
            variant="primary"
            type="submit"
            aria-disabled={form.pending() ? "true" : undefined}
          >
            {t("access.forgotPassword.send")}
          </Button>
          <Show when={form.pending()}>
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
  const [code, setCode] = createSignal("");
  const [password, setPassword] = createSignal("");

  const passwordFailure = (problem: FieldProblem["problem"]): FieldFailure => ({
    fieldId: "new-password",
    text: () => newPasswordMessage(problem),
  });
  const form = createFormState({
    fieldFailure: (f) => (f.field === "password" ? passwordFailure(f.problem) : undefined),
    codeFailure: (code) =>
      code === "AUTH-115"
        ? { fields: [{ fieldId: "code", text: () => t("errors.AUTH-115.message") }], explain: true }
        : undefined,
  });

  const submit = form.handleSubmit(() => {
    const typed = typedCode(code());
    const found: FieldFailure[] = [];
    const codeProblem = oneTimeCodeProblem(typed);
    if (codeProblem)
      found.push({ fieldId: "code", text: () => t(`access.forgotPassword.code.${codeProblem}`) });
    const problem = checkNewPassword(password());
    if (problem) found.push(passwordFailure(problem));
    if (found.length > 0) return form.fail(found);
    announce(t("access.forgotPassword.changing"));
    return form.send(
      () => finishPasswordReset({ username: props.username, code: typed, password: password() }),
      props.onDone,
    );
  });

  const sendAgain = () => {
    if (form.pending()) return;
    announce(t("access.forgotPassword.sending"));
    return form.send(
      () => startPasswordReset(props.username),
      (data) => {
        setCode("");
        announce(t("access.forgotPassword.sent", { minutes: data.minutes }));
        document.getElementById("code")?.focus();
      },
    );
  };

  return (
    <Page title={t("access.forgotPassword.codeTitle")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <StatusBanner
        tone="info"
        title={t("access.forgotPassword.sent", { minutes: props.minutes })}
      />
      <form class="form" novalidate onSubmit={submit}>
        <OneTimeCodeField
          id="code"
          label={t("access.forgotPassword.code.label")}
          hint={t("access.forgotPassword.code.hint")}
          error={form.messageFor("code")}
          value={code()}
          onInput={setCode}
        />
        <NewPasswordField
          value={password()}
          onInput={setPassword}
          error={form.messageFor("new-password")}
          userInputs={[props.username]}
        />
        <div class="button-row">
          <Button
            variant="primary"
            type="submit"
            aria-disabled={form.pending() ? "true" : undefined}
          >
            {t("access.forgotPassword.change")}
          </Button>
          <Button onClick={sendAgain}>{t("access.forgotPassword.sendAgain")}</Button>
          <Show when={form.pending()}>
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
