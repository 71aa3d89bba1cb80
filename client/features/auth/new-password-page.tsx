import { Navigate, useNavigate } from "@solidjs/router";
import { createSignal, Match, Switch } from "solid-js";
import type { Me } from "../../../shared/contracts/me.ts";
import type { ErrorCode, FieldProblem } from "../../../shared/errors.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { readMe } from "../../api/auth.ts";
import { request } from "../../api/request.ts";
import { t } from "../../i18n/i18n.ts";
import { currentUser, session, signedIn } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorSummary } from "../../ui/error-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import {
  checkNewPassword,
  NewPasswordField,
  newPasswordMessage,
} from "../../ui/new-password-field.tsx";
import { Page } from "../../ui/page.tsx";

function saveNewPassword(password: string) {
  return request<{ me: Me }>({
    method: "POST",
    path: "/api/auth/new-password",
    body: { password },
    read: (json) => {
      const me = isRecord(json) ? readMe(json.me) : undefined;
      return me ? { me } : undefined;
    },
  });
}

/**
 * /sign-in/new-password: after signing in with a temporary password from support, the only
 * page the app opens (the server answers SUP-107 to everything else). The new password goes
 * through the same policy as every other (server/auth/password-policy.ts); then the session
 * is a fresh one and the person carries on home.
 */
export default function NewPasswordPage() {
  return (
    <Switch>
      <Match when={session().state === "checking"}>
        <p class="app-loading">{t("layout.checkingSignIn")}</p>
      </Match>
      <Match when={session().state === "signed-out"}>
        <Navigate href="/sign-in" />
      </Match>
      <Match when={!currentUser()?.mustChangePassword}>
        <Navigate href="/" />
      </Match>
      <Match when={currentUser()?.mustChangePassword}>
        <NewPasswordForm />
      </Match>
    </Switch>
  );
}

function NewPasswordForm() {
  const navigate = useNavigate();
  const [password, setPassword] = createSignal("");
  const [fieldProblem, setFieldProblem] = createSignal<FieldProblem["problem"]>();
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [attempt, setAttempt] = createSignal(0);
  const [saving, setSaving] = createSignal(false);
  const me = currentUser();

  const message = () => {
    const found = fieldProblem();
    if (!found) return undefined;
    return found === "invalid"
      ? t("support.newPassword.sameAsTemporary")
      : newPasswordMessage(found);
  };
  const fail = (field?: FieldProblem["problem"], code?: ErrorCode) => {
    setFieldProblem(field);
    setProblem(code);
    setAttempt(attempt() + 1);
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (saving()) return;
    const early = checkNewPassword(password());
    if (early) return fail(early);
    setSaving(true);
    announce(t("support.newPassword.saving"));
    const result = await saveNewPassword(password());
    setSaving(false);
    if (result.ok) {
      announce(t("support.newPassword.saved"));
      await signedIn(result.data.me);
      navigate("/", { replace: true });
      return;
    }
    const field = result.fields?.find((found) => found.field === "password");
    if (field) return fail(field.problem);
    fail(undefined, result.code);
  };

  return (
    <Page title={t("support.newPassword.title")} hasErrors={Boolean(message() || problem())}>
      <ErrorArea message={message()} problem={problem()} attempt={attempt()} />
      <p>{t("support.newPassword.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <NewPasswordField
          label={t("support.newPassword.label")}
          value={password()}
          onInput={setPassword}
          error={message()}
          userInputs={me ? [me.username, me.displayName] : []}
        />
        <Button type="submit" variant="primary" aria-disabled={saving() ? "true" : undefined}>
          {t("support.newPassword.submit")}
        </Button>
      </form>
    </Page>
  );
}

function ErrorArea(props: { message?: string; problem?: ErrorCode; attempt: number }) {
  return (
    <Switch>
      <Match when={props.message}>
        {(text) => (
          <ErrorSummary
            errors={[{ fieldId: "new-password", text: text() }]}
            attempt={props.attempt}
          />
        )}
      </Match>
      <Match when={props.problem}>
        {(code) => <ErrorSummary errors={[]} problem={code()} attempt={props.attempt} />}
      </Match>
    </Switch>
  );
}
