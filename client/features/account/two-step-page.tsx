import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type {
  AuthenticatorEnrolment,
  CodeChannel,
  CodeSent,
} from "../../../shared/contracts/auth.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { OneTimeCodeField, oneTimeCodeProblem, typedCode } from "../../ui/one-time-code-field.tsx";
import { Page } from "../../ui/page.tsx";
import {
  confirmAuthenticator,
  fetchAuthenticatorStatus,
  fetchCodeChannel,
  removeAuthenticator,
  removeCodeChannel,
  replaceRecoveryCodes,
  startAuthenticator,
  startCodeChannel,
} from "./account-api.ts";
import { CodeChannelStep } from "./code-channel-step.tsx";
import { FocusedHeading } from "./focused-heading.tsx";
import { ReauthenticateForm } from "./reauthenticate-form.tsx";
import "./account.css";

type View =
  | { name: "status" }
  | { name: "scan"; enrolment: AuthenticatorEnrolment }
  | { name: "codes"; codes: string[] }
  | { name: "channel"; sent: CodeSent };

/**
 * Two-step sign-in (/account/two-step): set up an authenticator app (a QR code, and the key as
 * text for people who cannot scan), confirm it with a code, and get ten recovery codes, shown
 * this once. Changes ask for the password again when the last proof is over 5 minutes old.
 */
export default function TwoStepPage() {
  const [status, { refetch }] = createResource(fetchAuthenticatorStatus);
  const current = () => {
    const answer = status();
    return answer?.ok ? answer.data : undefined;
  };
  const [channel, { refetch: refetchChannel }] = createResource(fetchCodeChannel);
  const channelNow = () => {
    const answer = channel();
    return answer?.ok ? answer.data : undefined;
  };
  const [view, setView] = createSignal<View>({ name: "status" });
  // A change asks for the password again first when the last proof is old (AUTH-108).
  const form = createFormState({ reauthenticate: true });

  const start = () =>
    form.send(startAuthenticator, (enrolment) => setView({ name: "scan", enrolment }));
  const showCodes = (codes: string[]) => {
    void refetch();
    setView({ name: "codes", codes });
  };
  const newCodes = () => form.send(replaceRecoveryCodes, showCodes);
  const startChannel = (via: CodeChannel) =>
    form.send(
      () => startCodeChannel(via),
      (sent) => setView({ name: "channel", sent }),
    );
  const channelOn = (codes: string[]) => {
    void refetchChannel();
    announce(t("twoStep.codes.turnedOn"));
    if (codes.length > 0) showCodes(codes);
    else setView({ name: "status" });
  };
  const removeChannel = () =>
    form.send(removeCodeChannel, () => {
      void refetchChannel();
      void refetch();
      setView({ name: "status" });
      announce(t("twoStep.codes.turnedOff"));
    });
  const remove = () =>
    form.send(removeAuthenticator, () => {
      void refetch();
      setView({ name: "status" });
      announce(t("twoStep.turnedOff"));
    });

  return (
    <Page title={t("twoStep.title")}>
      <Show when={!form.reauth()}>
        <FormSummary form={form} />
      </Show>
      <Switch>
        <Match when={form.reauth()}>
          <ReauthenticateForm onDone={form.retry} onCancel={form.cancel} />
        </Match>
        <Match when={view().name === "status"}>
          <p>{t("twoStep.intro")}</p>
          <Switch>
            <Match when={status.loading}>
              <p class="app-loading">{t("layout.loading")}</p>
            </Match>
            <Match when={!current()}>
              <p>{t("twoStep.unavailable")}</p>
            </Match>
            <Match when={current()?.enabled}>
              <p class="account-status">
                {t("twoStep.on", { count: current()?.recoveryCodesLeft ?? 0 })}
              </p>
              <div class="button-row">
                <Button onClick={newCodes}>{t("twoStep.newCodes")}</Button>
                <Button onClick={remove}>{t("twoStep.remove")}</Button>
              </div>
            </Match>
            <Match when={current()?.enabled === false}>
              <p class="account-status">{t("twoStep.off")}</p>
              <Button variant="primary" onClick={start}>
                {t("twoStep.start")}
              </Button>
            </Match>
          </Switch>
          <Show when={channelNow()}>
            {(now) => (
              <section aria-labelledby="channel-section-heading">
                <h2 id="channel-section-heading">{t("twoStep.codes.heading")}</h2>
                <p>{t("twoStep.codes.intro")}</p>
                <Switch>
                  <Match when={now().channel}>
                    <p class="account-status">
                      {now().channel === "email"
                        ? t("twoStep.codes.onEmail", { to: now().email ?? "" })
                        : t("twoStep.codes.onSms", { to: now().phone ?? "" })}
                    </p>
                    <Button onClick={removeChannel}>{t("twoStep.codes.remove")}</Button>
                  </Match>
                  <Match when={!now().email && !now().phone}>
                    <p>{t("twoStep.codes.none")}</p>
                  </Match>
                  <Match when={true}>
                    <p class="account-status">{t("twoStep.codes.off")}</p>
                    <div class="button-row">
                      <Show when={now().email}>
                        {(email) => (
                          <Button onClick={() => startChannel("email")}>
                            {t("twoStep.codes.useEmail", { to: email() })}
                          </Button>
                        )}
                      </Show>
                      <Show when={now().phone}>
                        {(phone) => (
                          <Button onClick={() => startChannel("sms")}>
                            {t("twoStep.codes.useSms", { to: phone() })}
                          </Button>
                        )}
                      </Show>
                    </div>
                  </Match>
                </Switch>
              </section>
            )}
          </Show>
        </Match>
        <Match when={view().name === "channel" && (view() as { sent: CodeSent })}>
          {(step) => (
            <CodeChannelStep
              sent={step().sent}
              onConfirmed={channelOn}
              onCancel={() => setView({ name: "status" })}
            />
          )}
        </Match>
        <Match when={view().name === "scan" && (view() as { enrolment: AuthenticatorEnrolment })}>
          {(scan) => (
            <ScanStep
              enrolment={scan().enrolment}
              onConfirmed={(codes) => {
                announce(t("twoStep.turnedOn"));
                showCodes(codes);
              }}
              onCancel={() => setView({ name: "status" })}
            />
          )}
        </Match>
        <Match when={view().name === "codes" && (view() as { codes: string[] })}>
          {(shown) => (
            <section aria-labelledby="codes-heading">
              <FocusedHeading>
                <span id="codes-heading">{t("twoStep.codesHeading")}</span>
              </FocusedHeading>
              <p>{t("twoStep.codesIntro")}</p>
              <ol class="recovery-codes">
                <For each={shown().codes}>
                  {(code) => (
                    <li>
                      <code dir="ltr">{code}</code>
                    </li>
                  )}
                </For>
              </ol>
              <Button variant="primary" onClick={() => setView({ name: "status" })}>
                {t("twoStep.codesDone")}
              </Button>
            </section>
          )}
        </Match>
      </Switch>
    </Page>
  );
}

/** Step 1: add Hearth to the app; step 2: type the code it shows, which turns it on. */
function ScanStep(props: {
  enrolment: AuthenticatorEnrolment;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = createSignal("");
  const form = createFormState();
  const qr = () => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.enrolment.qrSvg)}`;

  const submit = form.handleSubmit(async () => {
    const typed = typedCode(code());
    const problem = oneTimeCodeProblem(typed);
    if (problem) {
      const key = problem === "required" ? "secondStep.code.required" : "secondStep.code.invalid";
      return form.fail([{ fieldId: "totp-code", text: () => t(key) }]);
    }
    const result = await form.send(() => confirmAuthenticator(typed), props.onConfirmed);
    // A refused code is not tried again as it was.
    if (result && !result.ok) setCode("");
  });

  return (
    <section aria-labelledby="scan-heading">
      <FocusedHeading>
        <span id="scan-heading">{t("twoStep.scanHeading")}</span>
      </FocusedHeading>
      <FormSummary form={form} />
      <p>{t("twoStep.scan")}</p>
      <img class="totp-qr" src={qr()} alt={t("twoStep.qrAlt")} width="240" height="240" />
      <p>{t("twoStep.keyIntro")}</p>
      <p>
        <code class="totp-key" dir="ltr">
          {props.enrolment.key}
        </code>
      </p>
      <h2>{t("twoStep.confirmHeading")}</h2>
      <form class="form" novalidate onSubmit={submit}>
        <OneTimeCodeField
          id="totp-code"
          label={t("secondStep.code.label")}
          hint={t("secondStep.code.hint")}
          error={form.messageFor("totp-code")}
          value={code()}
          onInput={setCode}
        />
        <div class="button-row">
          <Button variant="primary" type="submit">
            {t("twoStep.confirm")}
          </Button>
          <Button onClick={props.onCancel}>{t("account.cancel")}</Button>
        </div>
      </form>
    </section>
  );
}
