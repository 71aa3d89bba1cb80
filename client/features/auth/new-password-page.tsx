import { Navigate, useNavigate } from "@solidjs/router";
import { createSignal, Match, Switch } from "solid-js";
import type { Me } from "../../../shared/contracts/me.ts";
import type { FieldProblem } from "../../../shared/errors.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { readMe } from "../../api/auth.ts";
import { request } from "../../api/request.ts";
import { t } from "../../i18n/i18n.ts";
import { currentUser, session, signedIn } from "../../local/session.ts";
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
  const me = currentUser();
  // "invalid" from the server: the temporary password itself, which was read out on the phone.
  const passwordFailure = (problem: FieldProblem["problem"]): FieldFailure => ({
    fieldId: "new-password",
    text: () =>
      problem === "invalid"
        ? t("support.newPassword.sameAsTemporary")
        : newPasswordMessage(problem),
  });
  const form = createFormState({
    fieldFailure: (f) => (f.field === "password" ? passwordFailure(f.problem) : undefined),
  });

  const submit = form.handleSubmit(() => {
    const early = checkNewPassword(password());
    if (early) return form.fail([passwordFailure(early)]);
    announce(t("support.newPassword.saving"));
    return form.send(
      () => saveNewPassword(password()),
      async (data) => {
        announce(t("support.newPassword.saved"));
        await signedIn(data.me);
        navigate("/", { replace: true });
      },
    );
  });

  return (
    <Page title={t("support.newPassword.title")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <p>{t("support.newPassword.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <NewPasswordField
          label={t("support.newPassword.label")}
          value={password()}
          onInput={setPassword}
          error={form.messageFor("new-password")}
          userInputs={me ? [me.username, me.displayName] : []}
        />
        <Button type="submit" variant="primary" aria-disabled={form.pending() ? "true" : undefined}>
          {t("support.newPassword.submit")}
        </Button>
      </form>
    </Page>
  );
}
