import { Navigate, useSearchParams } from "@solidjs/router";
import { createSignal, Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { unlockWithPin } from "../../local/lock/copy-lock.ts";
import { unlockWithPasskey } from "../../local/lock/passkey-lock.ts";
import { isPinShaped } from "../../local/lock/pin-key.ts";
import { copyWiped, session, unlockedOffline } from "../../local/session.ts";
import { safeNextPath } from "../../safe-next.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { TextField } from "../../ui/text-field.tsx";

/**
 * The unlock page (/unlock): offline, with the last person's copy locked
 * (session state `locked`), the PIN opens it (docs/decisions/0029-device-copy-lock.md). Five
 * wrong PINs in a row delete the copy, and the sign-in page says so (DEV-705). Any other
 * session state has nothing to unlock here, and goes where it belongs.
 */
export default function UnlockPage() {
  const [params] = useSearchParams();
  const next = () => safeNextPath(params.next);
  const signInHref = () =>
    params.next ? `/sign-in?next=${encodeURIComponent(next())}` : "/sign-in";
  return (
    <Switch>
      <Match when={session().state === "checking"}>
        <p class="app-loading">{t("layout.checkingSignIn")}</p>
      </Match>
      <Match when={session().state === "signed-in"}>
        <Navigate href={next()} />
      </Match>
      <Match when={session().state === "signed-out"}>
        <Navigate href={signInHref()} />
      </Match>
      <Match when={lockedUser()}>
        {(locked) => (
          <PinForm
            userId={locked().userId}
            hasPin={locked().hasPin}
            hasPasskey={locked().hasPasskey}
            signInHref={signInHref()}
          />
        )}
      </Match>
    </Switch>
  );
}

function lockedUser(): { userId: string; hasPin: boolean; hasPasskey: boolean } | undefined {
  const current = session();
  if (current.state !== "locked") return undefined;
  return {
    userId: current.userId,
    hasPin: current.methods.includes("pin"),
    hasPasskey: current.methods.includes("passkey"),
  };
}

function PinForm(props: {
  userId: string;
  hasPin: boolean;
  hasPasskey: boolean;
  signInHref: string;
}) {
  const form = createFormState();
  const [pin, setPin] = createSignal("");
  const [busy, setBusy] = createSignal(false);

  /** The problem is said (the summary is an alert) and the keyboard is back in the field. */
  const retry = (text: () => string, code: "DEV-704" | "DEV-707") => {
    setPin("");
    form.fail([{ fieldId: "pin", text }], code);
    document.getElementById("pin")?.focus();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    const typed = pin().trim();
    if (!isPinShaped(typed)) return retry(() => t("errors.DEV-707.message"), "DEV-707");
    setBusy(true);
    announce(t("lock.unlock.unlocking"));
    const answer = await unlockWithPin(props.userId, typed).finally(() => setBusy(false));
    switch (answer.outcome) {
      case "opened":
        // Signed in from the device: the page above goes on to `next`.
        return unlockedOffline(props.userId);
      case "wrong":
        return retry(() => t("lock.unlock.wrong", { count: answer.attemptsLeft }), "DEV-704");
      case "wiped":
        // The sign-in page shows why (DEV-705); said now, as focus moves with the page.
        announce(t("errors.DEV-705.message"));
        return copyWiped();
      case "no-pin":
        return form.fail([], "DEV-703");
    }
  };

  const withPasskey = async () => {
    if (busy()) return;
    setBusy(true);
    announce(t("lock.unlock.unlocking"));
    const opened = await unlockWithPasskey(props.userId)
      .catch(() => false)
      .finally(() => setBusy(false));
    if (opened) return unlockedOffline(props.userId);
    form.fail([], "DEV-706");
  };

  return (
    <Page title={t("lock.unlock.title")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <Show when={props.hasPin || props.hasPasskey} fallback={<p>{t("lock.unlock.noPin")}</p>}>
        <Show when={props.hasPin}>
          <p>{t("lock.unlock.intro")}</p>
          <form class="form" novalidate onSubmit={submit}>
            <TextField
              id="pin"
              name="pin"
              type="password"
              inputmode="numeric"
              autocomplete="off"
              spellcheck={false}
              label={t("lock.unlock.pinLabel")}
              hint={t("lock.unlock.pinHint")}
              error={form.messageFor("pin")}
              value={pin()}
              onInput={setPin}
            />
            <div class="button-row">
              <Button variant="primary" type="submit" aria-disabled={busy() ? "true" : undefined}>
                {t("lock.unlock.submit")}
              </Button>
              <Show when={busy()}>
                <span class="secondary-text">{t("lock.unlock.unlocking")}</span>
              </Show>
            </div>
          </form>
        </Show>
        <Show when={props.hasPasskey}>
          <Show when={props.hasPin}>
            <p>{t("lock.unlock.passkeyIntro")}</p>
          </Show>
          <Button onClick={withPasskey} aria-disabled={busy() ? "true" : undefined}>
            {t("lock.unlock.passkey")}
          </Button>
        </Show>
      </Show>
      <section aria-labelledby="unlock-sign-in-heading">
        <h2 id="unlock-sign-in-heading">{t("lock.unlock.signInHeading")}</h2>
        <p>{t("lock.unlock.signInIntro")}</p>
        <p>
          <a href={props.signInHref}>{t("lock.unlock.signInInstead")}</a>
        </p>
      </section>
    </Page>
  );
}
