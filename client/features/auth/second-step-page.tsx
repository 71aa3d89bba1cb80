import { useNavigate, useSearchParams } from "@solidjs/router";
import {
  createEffect,
  createResource,
  createSignal,
  For,
  lazy,
  Match,
  Show,
  Suspense,
  Switch,
} from "solid-js";
import type { CodeSent, SecondStepMethod } from "../../../shared/contracts/auth.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { pollApproval } from "../../api/approval.ts";
import { loadNamespaces, type TranslationKey, t } from "../../i18n/i18n.ts";
import { takeReturnPath } from "../../local/return-path.ts";
import { session, signedIn } from "../../local/session.ts";
import { safeNextPath } from "../../safe-next.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { oneTimeCodeProblem, typedCode } from "../../ui/one-time-code-field.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";
import "./second-step.css";
import {
  fetchSecondStepMethods,
  requestSignInCode,
  sendSecondStepCode,
  sendSentCode,
} from "./second-step-api.ts";

/** Codes that end this sign-in: the person must start again from the password. */
const endsSignIn: ReadonlySet<ErrorCode> = new Set(["AUTH-102", "AUTH-107"]);

/** The words of each method: what to do, the field, and the button that switches to it. */
const wording: Record<
  SecondStepMethod,
  { intro: TranslationKey; label: TranslationKey; hint: TranslationKey; switchTo: TranslationKey }
> = {
  totp: {
    intro: "secondStep.intro.totp",
    label: "secondStep.code.label",
    hint: "secondStep.code.hint",
    switchTo: "secondStep.useApp",
  },
  "recovery-code": {
    intro: "secondStep.intro.recoveryCode",
    label: "secondStep.recovery.label",
    hint: "secondStep.recovery.hint",
    switchTo: "secondStep.useRecovery",
  },
  "email-code": {
    intro: "secondStep.intro.emailCode",
    label: "secondStep.sentCode.label",
    hint: "secondStep.sentCode.hint",
    switchTo: "secondStep.useEmail",
  },
  "sms-code": {
    intro: "secondStep.intro.smsCode",
    label: "secondStep.sentCode.label",
    hint: "secondStep.sentCode.hint",
    switchTo: "secondStep.useSms",
  },
};

/** Approval from a signed-in device: its words and waiting panel load only when offered. */
const ApprovalWait = lazy(() => import("./approval-wait.tsx"));

/** Whether a signed-in device could approve this sign-in (or a request is already waiting). */
async function approvalOffered(): Promise<boolean> {
  const [answer] = await Promise.all([pollApproval(), loadNamespaces(["approval"])]);
  if (!answer.ok || "me" in answer.data) return false;
  return answer.data.state === "pending" || answer.data.available;
}

const isSentCode = (method: SecondStepMethod) => method === "email-code" || method === "sms-code";

/**
 * The second step of signing in (/sign-in/second-step): a code from the authenticator app, a
 * code sent by email or SMS, or one recovery code. The session is partial until this passes;
 * the server refuses it everything else (docs/decisions/0012-partial-sessions.md).
 */
export default function SecondStepPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [methods] = createResource(fetchSecondStepMethods);
  const [canApprove] = createResource(approvalOffered);
  const [approving, setApproving] = createSignal(false);
  const [chosen, setChosen] = createSignal<SecondStepMethod>();
  const [sent, setSent] = createSignal<CodeSent>();
  const [code, setCode] = createSignal("");
  const form = createFormState();

  createEffect(() => {
    const current = session();
    if (current.state !== "signed-in") return;
    // After an idle sign-out, the same person goes back to the page (and draft) they left.
    const next = params.next ?? takeReturnPath(current.me.id);
    navigate(safeNextPath(next), { replace: true });
  });

  const available = (): SecondStepMethod[] => {
    const answer = methods();
    return answer?.ok ? answer.data : [];
  };
  /** The method in use: the person's choice, else the account's first (recovery codes last). */
  const method = (): SecondStepMethod => chosen() ?? available()[0] ?? "totp";
  const others = () => available().filter((m) => m !== method());
  const needsSending = () => isSentCode(method()) && !sent();

  const over = () => {
    const answer = methods();
    const code = form.problem();
    return (answer && !answer.ok && answer.code === "AUTH-102") || (code && endsSignIn.has(code));
  };
  /** A problem with the typed code, said in the words of the method in use. */
  const codeFailure = (key: TranslationKey) => [{ fieldId: "code", text: () => t(key) }];

  const switchMethod = (next: SecondStepMethod) => {
    setChosen(next);
    setSent(undefined);
    setCode("");
    form.clear();
    queueMicrotask(() => document.getElementById(isSentCode(next) ? "send-code" : "code")?.focus());
  };

  const sendCode = () => {
    if (form.pending()) return;
    announce(t("secondStep.sending"));
    return form.send(
      () => requestSignInCode(method() === "sms-code" ? "sms" : "email"),
      (where) => {
        setSent(where);
        announce(t("secondStep.sent", { to: where.to }));
        queueMicrotask(() => document.getElementById("code")?.focus());
      },
    );
  };

  const submit = form.handleSubmit(async () => {
    const typed = typedCode(code());
    if (typed === "") {
      return form.fail(
        codeFailure(
          method() === "recovery-code"
            ? "secondStep.recovery.required"
            : "secondStep.code.required",
        ),
      );
    }
    // The field takes recovery codes too, so it is a text field, with the six-digit rule.
    if (method() !== "recovery-code" && oneTimeCodeProblem(typed)) {
      return form.fail(codeFailure("secondStep.code.invalid"));
    }
    announce(t("secondStep.checking"));
    const current = method();
    const result = await form.send(
      () =>
        isSentCode(current)
          ? sendSentCode(typed)
          : sendSecondStepCode(current === "recovery-code" ? "recovery-code" : "totp", typed),
      (data) => ("me" in data ? signedIn(data.me) : form.fail([], "SRV-501")),
    );
    // A refused code is not tried again as it was.
    if (result && !result.ok) setCode("");
  });

  return (
    <Page title={t("secondStep.title")} hasErrors={form.failed()}>
      <Switch>
        <Match when={over()}>
          <StatusBanner tone="info" title={t("secondStep.startAgainIntro")}>
            <Show when={form.problem() === "AUTH-107"}>
              {/* With its code and guide, like every error, so support can be told which. */}
              <ErrorExplanation code="AUTH-107" />
            </Show>
          </StatusBanner>
          <p>
            <a href="/sign-in">{t("secondStep.startAgain")}</a>
          </p>
        </Match>
        <Match when={approving()}>
          <Suspense>
            <ApprovalWait
              onUseCode={() => {
                setApproving(false);
                queueMicrotask(() => document.getElementById("approve-elsewhere")?.focus());
              }}
              onEnded={(code) => form.fail([], code)}
            />
          </Suspense>
        </Match>
        <Match when={true}>
          <FormSummary form={form} />
          <p>{t(wording[method()].intro)}</p>
          <Show
            when={!needsSending()}
            fallback={
              <div class="button-row">
                <button
                  id="send-code"
                  type="button"
                  class="button button--primary"
                  aria-disabled={form.pending() ? "true" : undefined}
                  onClick={sendCode}
                >
                  {t(method() === "sms-code" ? "secondStep.sendSms" : "secondStep.sendEmail")}
                </button>
                <Show when={form.pending()}>
                  <span class="secondary-text">{t("secondStep.sending")}</span>
                </Show>
              </div>
            }
          >
            <Show when={sent()}>
              {(where) => <p>{t("secondStep.sent", { to: where().to })}</p>}
            </Show>
            <form class="form" novalidate onSubmit={submit}>
              <TextField
                id="code"
                name="code"
                label={t(wording[method()].label)}
                hint={t(wording[method()].hint)}
                error={form.messageFor("code")}
                value={code()}
                onInput={setCode}
                autocomplete="one-time-code"
                autocapitalize="none"
                spellcheck={false}
                inputmode={method() === "recovery-code" ? "text" : "numeric"}
              />
              <div class="button-row">
                <Button
                  variant="primary"
                  type="submit"
                  aria-disabled={form.pending() ? "true" : undefined}
                >
                  {t("secondStep.submit")}
                </Button>
                <Show when={sent()}>
                  <Button onClick={sendCode}>{t("secondStep.resend")}</Button>
                </Show>
                <Show when={form.pending()}>
                  <span class="secondary-text">{t("secondStep.checking")}</span>
                </Show>
              </div>
            </form>
          </Show>
          <Show when={others().length > 0 || canApprove()}>
            <ul class="second-step-others">
              <Show when={canApprove()}>
                <li>
                  <button
                    id="approve-elsewhere"
                    type="button"
                    class="button button--secondary"
                    onClick={() => {
                      form.clear();
                      setApproving(true);
                    }}
                  >
                    {t("approval.offer")}
                  </button>
                </li>
              </Show>
              <For each={others()}>
                {(other) => (
                  <li>
                    <Button onClick={() => switchMethod(other)}>
                      {t(wording[other].switchTo)}
                    </Button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Match>
      </Switch>
    </Page>
  );
}
