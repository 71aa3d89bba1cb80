import { useNavigate } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import { usernameMinLength } from "../../../shared/contracts/access.ts";
import { usernameMaxLength } from "../../../shared/contracts/sign-in-limits.ts";
import type { FieldProblem } from "../../../shared/errors.ts";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { signedIn } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import {
  checkNewPassword,
  NewPasswordField,
  newPasswordMessage,
} from "../../ui/new-password-field.tsx";
import { Page } from "../../ui/page.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { checkActivation, finishActivation } from "./access-api.ts";
import { DateOfBirthField, type DateParts, isoDateOf } from "./date-of-birth.tsx";
import { checkUsername, usernameMessage } from "./username-rules.ts";

/**
 * Activation (/activate), signed out: the clinic's code and the date of birth, then a username
 * and password; the person ends signed in. A wrong code and a wrong date are one problem
 * (AUTH-112), linked to the code field like sign-in's AUTH-101, so the page never says which.
 */
export default function ActivatePage() {
  const [step, setStep] = createSignal<"code" | "choose">("code");
  const [code, setCode] = createSignal("");
  const [birth, setBirth] = createSignal<DateParts>({ day: "", month: "", year: "" });
  const [birthDate, setBirthDate] = createSignal("");

  return (
    <Switch>
      <Match when={step() === "code"}>
        <CodeStep
          code={code()}
          onCode={setCode}
          birth={birth()}
          onBirth={setBirth}
          onChecked={(date) => {
            setBirthDate(date);
            setStep("choose");
          }}
        />
      </Match>
      <Match when={step() === "choose"}>
        <ChooseStep code={code()} birthDate={birthDate()} onStartAgain={() => setStep("code")} />
      </Match>
    </Switch>
  );
}

function CodeStep(props: {
  code: string;
  onCode: (code: string) => void;
  birth: DateParts;
  onBirth: (parts: DateParts) => void;
  onChecked: (birthDate: string) => void;
}) {
  // A wrong code or date (AUTH-112) is linked to the code field, where a correction starts.
  const form = createFormState({
    codeFailure: (code) =>
      code === "AUTH-112"
        ? { fields: [{ fieldId: "code", text: () => t("errors.AUTH-112.message") }], explain: true }
        : undefined,
  });

  const submit = form.handleSubmit(() => {
    const found: FieldFailure[] = [];
    if (props.code.trim() === "")
      found.push({ fieldId: "code", text: () => t("access.activate.code.required") });
    const date = isoDateOf(props.birth);
    if (date === "required" || date === "invalid")
      found.push({ fieldId: "birth-day", text: () => t(`access.activate.birthDate.${date}`) });
    if (found.length > 0 || date === "required" || date === "invalid") return form.fail(found);
    announce(t("access.activate.checking"));
    return form.send(
      () => checkActivation({ code: props.code, birthDate: date }),
      () => props.onChecked(date),
    );
  });

  return (
    <Page title={t("access.activate.title")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <p>{t("access.activate.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="code"
          name="code"
          label={t("access.activate.code.label")}
          hint={t("access.activate.code.hint")}
          error={form.messageFor("code")}
          value={props.code}
          onInput={props.onCode}
          autocomplete="off"
          autocapitalize="none"
          spellcheck={false}
        />
        <DateOfBirthField
          value={props.birth}
          onInput={props.onBirth}
          error={form.messageFor("birth-day")}
        />
        <div class="button-row">
          <Button
            variant="primary"
            type="submit"
            aria-disabled={form.pending() ? "true" : undefined}
          >
            {t("access.activate.continue")}
          </Button>
          <Show when={form.pending()}>
            <span class="secondary-text">{t("access.activate.checking")}</span>
          </Show>
        </div>
      </form>
      <p>
        <a href="/help/activation-code">{t("access.activate.noCode")}</a>
      </p>
      <p>
        <a href="/sign-in">{t("access.links.signIn")}</a>
      </p>
    </Page>
  );
}

function ChooseStep(props: { code: string; birthDate: string; onStartAgain: () => void }) {
  const navigate = useNavigate();
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");

  const passwordFailure = (problem: FieldProblem["problem"]): FieldFailure => ({
    fieldId: "new-password",
    text: () => newPasswordMessage(problem),
  });
  const form = createFormState({
    fieldFailure: (f) => {
      if (f.field === "password") return passwordFailure(f.problem);
      if (f.field === "username")
        return { fieldId: "username", text: () => usernameMessage(f.problem) };
      return undefined;
    },
    codeFailure: (code) =>
      code === "AUTH-114" || code === "AUTH-117"
        ? {
            fields: [{ fieldId: "username", text: () => t(`errors.${code}.message`) }],
            explain: false,
          }
        : undefined,
  });

  const submit = form.handleSubmit(() => {
    const found: FieldFailure[] = [];
    const nameProblem = checkUsername(username());
    if (nameProblem) found.push({ fieldId: "username", text: () => usernameMessage(nameProblem) });
    const passwordProblem = checkNewPassword(password());
    if (passwordProblem) found.push(passwordFailure(passwordProblem));
    if (found.length > 0) return form.fail(found);
    announce(t("access.activate.creating"));
    return form.send(
      () =>
        finishActivation({
          code: props.code,
          birthDate: props.birthDate,
          username: username().trim(),
          password: password(),
          locale: currentLocale(),
        }),
      async (data) => {
        if (!("me" in data)) return form.fail([], "SRV-501");
        await signedIn(data.me);
        navigate("/", { replace: true });
      },
    );
  });

  return (
    <Page title={t("access.activate.chooseTitle")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <p>{t("access.activate.chooseIntro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="username"
          name="username"
          label={t("access.activate.username.label")}
          hint={t("access.activate.username.hint", {
            min: usernameMinLength,
            max: usernameMaxLength,
          })}
          error={form.messageFor("username")}
          value={username()}
          onInput={setUsername}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
        />
        <NewPasswordField
          value={password()}
          onInput={setPassword}
          error={form.messageFor("new-password")}
          userInputs={[username()]}
        />
        <div class="button-row">
          <Button
            variant="primary"
            type="submit"
            aria-disabled={form.pending() ? "true" : undefined}
          >
            {t("access.activate.finish")}
          </Button>
          <Show when={form.pending()}>
            <span class="secondary-text">{t("access.activate.creating")}</span>
          </Show>
        </div>
      </form>
      <p>
        <Button onClick={props.onStartAgain}>{t("access.activate.startAgain")}</Button>
      </p>
    </Page>
  );
}
