import { useNavigate, useSearchParams } from "@solidjs/router";
import { createEffect, createSignal, Match, Show, Switch } from "solid-js";
import { passwordMaxLength, usernameMaxLength } from "../../../shared/contracts/sign-in-limits.ts";
import type { ErrorCode, FieldProblem } from "../../../shared/errors.ts";
import { signIn } from "../../api/auth.ts";
import { type TranslationKey, t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { setSharedDevice } from "../../local/device-user.ts";
import { takeReturnPath } from "../../local/return-path.ts";
import { session, signedIn } from "../../local/session.ts";
import { safeNextPath } from "../../safe-next.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { PasswordField } from "../../ui/password-field.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { checkSignIn, isSignInField, type SignInField, signInFields } from "./sign-in-form.ts";

const maxLengths: Record<SignInField, number> = {
  username: usernameMaxLength,
  password: passwordMaxLength,
};

/** GOV.UK: a message per field and problem ("Enter your username"); others use the generic one. */
const messages: Record<SignInField, Partial<Record<FieldProblem["problem"], TranslationKey>>> = {
  username: { required: "signIn.username.required", tooLong: "signIn.username.tooLong" },
  password: { required: "signIn.password.required", tooLong: "signIn.password.tooLong" },
};

/** A field's message, read when shown: a change of language reaches it. */
function fieldFailure(field: SignInField, problem: FieldProblem["problem"]): FieldFailure {
  return {
    fieldId: field,
    text: () => t(messages[field][problem] ?? `validation.${problem}`, { max: maxLengths[field] }),
  };
}

/**
 * The sign-in page (/sign-in). Validates on submit only (GOV.UK): problems go to the error
 * summary, which takes focus, and beside each field. A wrong username or password is one
 * problem about both (AUTH-101), so neither field is marked: saying which one was wrong would
 * tell an attacker which usernames exist (ASVS 5.0, 6.3.8).
 */
export default function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [passwordVisible, setPasswordVisible] = createSignal(false);
  const [sharedDevice, setShared] = createSignal(false);

  // Signed in (just now, or already when the page opened): go where the person was heading.
  createEffect(() => {
    const current = session();
    if (current.state !== "signed-in") return;
    // After an idle sign-out, the same person goes back to the page (and draft) they left.
    const next = params.next ?? takeReturnPath(current.me.id);
    navigate(safeNextPath(next), { replace: true });
  });

  const form = createFormState({
    fieldFailure: ({ field, problem }) =>
      isSignInField(field) ? fieldFailure(field, problem) : undefined,
    // AUTH-101 is about both fields: listed with the first, where a correction starts.
    codeFailure: (code) =>
      code === "AUTH-101"
        ? {
            fields: [
              { fieldId: "username", text: () => t("errors.AUTH-101.message"), summaryOnly: true },
            ],
            explain: true,
          }
        : undefined,
  });

  const submit = form.handleSubmit(() => {
    // Hidden again before sending, so the browser's password manager sees a password field.
    setPasswordVisible(false);
    const checked = checkSignIn({ username: username(), password: password() });
    if (!checked.ok)
      return form.fail(
        signInFields.flatMap((field) => {
          const problem = checked.problems[field];
          return problem ? [fieldFailure(field, problem)] : [];
        }),
      );
    // Before the session exists, so whichever page completes the sign-in (this one or the
    // second step) finds it: on a shared device nothing is kept afterwards
    // (docs/abuse-cases.md 25).
    setSharedDevice(sharedDevice());
    announce(t("status.signingIn"));
    return form.send(
      () => signIn(checked.request),
      (data) => {
        if ("me" in data) return signedIn(data.me);
        // Password right, a code next: the partial session's page, keeping where to go after.
        const next = params.next ? `?next=${encodeURIComponent(String(params.next))}` : "";
        return navigate(`/sign-in/second-step${next}`);
      },
    );
  });

  return (
    <Page title={t("signIn.title")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <SignInNotices />
      <p>{t("signIn.intro")}</p>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="username"
          name="username"
          label={t("signIn.username.label")}
          hint={t("signIn.username.hint")}
          error={form.messageFor("username")}
          value={username()}
          onInput={setUsername}
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
        />
        <PasswordField
          id="password"
          name="password"
          label={t("signIn.password.label")}
          error={form.messageFor("password")}
          value={password()}
          onInput={setPassword}
          autocomplete="current-password"
          visible={passwordVisible()}
          onVisibleChange={setPasswordVisible}
        />
        <div class="field field--checkbox">
          <input
            class="field__checkbox"
            type="checkbox"
            id="shared-device"
            name="sharedDevice"
            checked={sharedDevice()}
            onChange={(event) => setShared(event.currentTarget.checked)}
            aria-describedby="shared-device-hint"
          />
          <label class="field__label" for="shared-device">
            {t("signIn.sharedDevice.label")}
          </label>
          <div class="field__hint" id="shared-device-hint">
            {t("signIn.sharedDevice.hint")}
          </div>
        </div>
        <div class="button-row">
          <Button
            variant="primary"
            type="submit"
            aria-disabled={form.pending() ? "true" : undefined}
          >
            {t("signIn.submit")}
          </Button>
          <Show when={form.pending()}>
            <span class="secondary-text">{t("status.signingIn")}</span>
          </Show>
        </div>
      </form>
      <ul class="link-list">
        <li>
          <a href="/sign-in/passkey">{t("layout.passkeySignIn")}</a>
        </li>
        <li>
          <a href="/forgot-password">{t("layout.forgotPassword")}</a>
        </li>
        <li>
          <a href="/forgot-username">{t("layout.forgotUsername")}</a>
        </li>
        <li>
          <a href="/activate">{t("layout.activate")}</a>
        </li>
        <li>
          <a href="/help">{t("signIn.trouble")}</a>
        </li>
      </ul>
    </Page>
  );
}

/**
 * What became of the device's copy, when that is why the person is here: deleted because the
 * device was cut off (AUTH-148) or after too many wrong PINs (DEV-705), or locked offline with
 * no PIN to open it (DEV-703).
 */
const copyProblems: readonly ErrorCode[] = ["AUTH-148", "DEV-705", "DEV-703"];

/** Why the person is here: they signed out, their session ended, or they are offline. */
function SignInNotices() {
  const reason = () => {
    const current = session();
    return current.state === "signed-out" ? current.reason : undefined;
  };
  const copyProblem = () => {
    const current = session();
    return current.state === "signed-out" &&
      current.problem &&
      copyProblems.includes(current.problem)
      ? current.problem
      : undefined;
  };
  const kept = () => {
    const current = session();
    return current.state === "signed-out" && current.kept === true;
  };
  return (
    <>
      <Switch>
        <Match when={copyProblem()}>
          {(code) => (
            <StatusBanner tone="warning">
              <ErrorExplanation code={code()} />
            </StatusBanner>
          )}
        </Match>
        <Match when={reason() === "signed-out"}>
          <StatusBanner
            tone="success"
            title={kept() ? t("status.signedOutKept") : t("status.signedOut")}
          />
        </Match>
        <Match when={reason() === "ended"}>
          <StatusBanner tone="info" title={t("signIn.sessionEnded")}>
            <ErrorExplanation code="AUTH-102" />
          </StatusBanner>
        </Match>
        <Match when={reason() === "other-account"}>
          {/* Another tab signed in as someone else (client/local/tab-follow.ts). */}
          <StatusBanner tone="info" title={t("signIn.otherAccount")} />
        </Match>
        <Match when={reason() === "idle"}>
          {/* The idle dialog ran out (client/features/idle): say so, by its code. */}
          <StatusBanner tone="info">
            <ErrorExplanation code="AUTH-147" />
          </StatusBanner>
        </Match>
      </Switch>
      <Show when={!online()}>
        <StatusBanner tone="warning" title={t("signIn.offline")} />
      </Show>
    </>
  );
}
