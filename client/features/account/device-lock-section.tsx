import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { isSharedDevice } from "../../local/device-user.ts";
import { removeUnlocks, setPin, unlockMethods } from "../../local/lock/copy-lock.ts";
import { passkeyUnlockPossible, usePasskeyToUnlock } from "../../local/lock/passkey-lock.ts";
import { isPinShaped } from "../../local/lock/pin-key.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextField } from "../../ui/text-field.tsx";

/**
 * Account's "Unlock without the internet": the PIN that opens this device's copy once the
 * session has ended (docs/decisions/0029-device-copy-lock.md). A shared device keeps nothing,
 * so it has nothing to lock, and says so.
 */
export function DeviceLockSection(props: { userId: string }) {
  return (
    <section aria-labelledby="device-lock-heading">
      <h2 id="device-lock-heading" tabIndex={-1}>
        {t("lock.device.heading")}
      </h2>
      <Show when={!isSharedDevice()} fallback={<p>{t("lock.device.shared")}</p>}>
        <PinSettings userId={props.userId} />
      </Show>
    </section>
  );
}

function PinSettings(props: { userId: string }) {
  const [methods, { refetch }] = createResource(() => props.userId, unlockMethods);
  const form = createFormState();
  const [pin, setPinText] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const hasUnlock = () => (methods.latest?.length ?? 0) > 0;
  const has = (method: "pin" | "passkey") => methods.latest?.includes(method) ?? false;

  /** Said, shown, and the keyboard back at the section's start. */
  const finish = async (message: string) => {
    await refetch();
    setDone(message);
    announce(message);
    document.getElementById("device-lock-heading")?.focus();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setDone(undefined);
    if (!isPinShaped(pin())) {
      return form.fail(
        [{ fieldId: "new-pin", text: () => t("errors.DEV-707.message") }],
        "DEV-707",
      );
    }
    if (repeat() !== pin()) {
      return form.fail(
        [{ fieldId: "repeat-pin", text: () => t("errors.DEV-708.message") }],
        "DEV-708",
      );
    }
    setBusy(true);
    try {
      await setPin(props.userId, pin());
    } catch {
      // The copy is not open here (IndexedDB refused it): there is nothing to wrap.
      return form.fail([], "DEV-701");
    } finally {
      setBusy(false);
    }
    form.clear();
    setPinText("");
    setRepeat("");
    await finish(t("lock.device.saved"));
  };

  const usePasskey = async () => {
    if (busy()) return;
    setDone(undefined);
    setBusy(true);
    const set = await usePasskeyToUnlock(props.userId).catch(() => false);
    setBusy(false);
    // Cancelled, no PRF in this passkey or authenticator, or the copy is not open here.
    if (!set) return form.fail([], "DEV-706");
    form.clear();
    await finish(t("lock.device.passkeySaved"));
  };

  const remove = async () => {
    if (busy()) return;
    setBusy(true);
    try {
      await removeUnlocks(props.userId);
    } catch {
      return form.fail([], "DEV-701");
    } finally {
      setBusy(false);
    }
    form.clear();
    await finish(t("lock.device.removed"));
  };

  return (
    <>
      <Show when={done()}>{(message) => <StatusBanner tone="success" title={message()} />}</Show>
      <FormSummary form={form} />
      <p>{t("lock.device.intro")}</p>
      <Switch>
        <Match when={methods.loading && methods.latest === undefined}>
          <p class="app-loading">{t("security.loading")}</p>
        </Match>
        <Match when={hasUnlock()}>
          <Show when={has("pin")}>
            <p>{t("lock.device.pinSet")}</p>
          </Show>
          <Show when={has("passkey")}>
            <p>{t("lock.device.passkeySet")}</p>
          </Show>
        </Match>
        <Match when={!hasUnlock()}>
          <p>{t("lock.device.noPin")}</p>
        </Match>
      </Switch>
      <form class="form" novalidate onSubmit={submit}>
        <TextField
          id="new-pin"
          name="newPin"
          type="password"
          inputmode="numeric"
          autocomplete="off"
          spellcheck={false}
          label={t("lock.device.newPin")}
          hint={t("lock.device.newPinHint")}
          error={form.messageFor("new-pin")}
          value={pin()}
          onInput={setPinText}
        />
        <TextField
          id="repeat-pin"
          name="repeatPin"
          type="password"
          inputmode="numeric"
          autocomplete="off"
          spellcheck={false}
          label={t("lock.device.repeatPin")}
          error={form.messageFor("repeat-pin")}
          value={repeat()}
          onInput={setRepeat}
        />
        <div class="button-row">
          <Button variant="primary" type="submit" aria-disabled={busy() ? "true" : undefined}>
            {t("lock.device.setPin")}
          </Button>
          <Show when={hasUnlock()}>
            <Button onClick={remove} aria-disabled={busy() ? "true" : undefined}>
              {t("lock.device.remove")}
            </Button>
          </Show>
        </div>
      </form>
      <Show when={passkeyUnlockPossible()}>
        <p>{t("lock.device.passkeyIntro")}</p>
        <Button onClick={usePasskey} aria-disabled={busy() ? "true" : undefined}>
          {t("lock.device.usePasskey")}
        </Button>
      </Show>
    </>
  );
}
