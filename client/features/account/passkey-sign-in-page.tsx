import { useNavigate } from "@solidjs/router";
import { createEffect, createSignal, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { setSharedDevice } from "../../local/device-user.ts";
import { session, signedIn } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { passkeysSupported, signInWithPasskey } from "./passkey-api.ts";

/**
 * Sign in with a passkey (/sign-in/passkey): no username, no password; the device's own
 * prompt (fingerprint, face, PIN, or a phone nearby) is both steps at once. A page of its own,
 * so the WebAuthn library never weighs on the password sign-in page.
 */
export default function PasskeySignInPage() {
  const navigate = useNavigate();
  const form = createFormState();
  const [shared, setShared] = createSignal(false);

  createEffect(() => {
    if (session().state === "signed-in") navigate("/", { replace: true });
  });

  const start = () => {
    if (form.pending()) return;
    setSharedDevice(shared());
    announce(t("status.signingIn"));
    return form.send(signInWithPasskey, (data) =>
      "me" in data ? signedIn(data.me) : form.fail([], "SRV-501"),
    );
  };

  return (
    <Page title={t("security.passkeys.signIn")} hasErrors={form.failed()}>
      <FormSummary form={form} />
      <p>{t("security.passkeys.intro")}</p>
      <Show when={passkeysSupported()} fallback={<p>{t("security.passkeys.unsupported")}</p>}>
        <div class="field field--checkbox">
          <input
            class="field__checkbox"
            type="checkbox"
            id="passkey-shared-device"
            checked={shared()}
            onChange={(event) => setShared(event.currentTarget.checked)}
            aria-describedby="passkey-shared-device-hint"
          />
          <label class="field__label" for="passkey-shared-device">
            {t("signIn.sharedDevice.label")}
          </label>
          <div class="field__hint" id="passkey-shared-device-hint">
            {t("signIn.sharedDevice.hint")}
          </div>
        </div>
        <div class="button-row">
          <Button
            variant="primary"
            onClick={start}
            aria-disabled={form.pending() ? "true" : undefined}
          >
            {t("security.passkeys.signIn")}
          </Button>
        </div>
      </Show>
      <p>
        <a href="/sign-in">{t("signIn.title")}</a>
      </p>
    </Page>
  );
}
