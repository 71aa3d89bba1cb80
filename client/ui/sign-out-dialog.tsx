import { createSignal, Show } from "solid-js";
import { formatList } from "../i18n/format.ts";
import { t } from "../i18n/i18n.ts";
import { online } from "../local/connectivity.ts";
import { isSharedDevice } from "../local/device-user.ts";
import { keptWritesDays } from "../local/kept-writes.ts";
import { sendUnsentNow, signOut } from "../local/session-end.ts";
import { readUnsent, summarizeUnsent, type UnsentSummary } from "../local/unsent-writes.ts";
import { Dialog } from "./dialog.tsx";

/** This person's writes the server does not have yet, for the sign-out button to ask about. */
export async function unsentSummary(userId: string): Promise<UnsentSummary> {
  return summarizeUnsent(await readUnsent(userId));
}

/**
 * "2 changes not sent yet: a message to your care team and an appointment request": asked at
 * sign-out when this person has writes the server does not have (ADR 29), so none is lost
 * without a word. Send them first (online), keep them for the next sign-in (not on a shared
 * device, which keeps nothing), delete them, or cancel. Loaded only when there are some.
 */
export default function SignOutDialog(props: {
  userId: string;
  unsent: UnsentSummary;
  onCancel: () => void;
  /** Signed out, with what to say about it. */
  onSignedOut: (said: string) => void;
}) {
  const [summary, setSummary] = createSignal(props.unsent);
  const [left, setLeft] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [said, setSaid] = createSignal("");
  const shared = isSharedDevice();

  const what = () =>
    formatList(
      summary().kinds.map(({ kind, count }) => t(`signOut.unsent.kind.${kind}`, { count })),
    );
  const act = (run: () => Promise<void>) => async () => {
    if (busy()) return;
    setBusy(true);
    await run();
    setBusy(false);
  };
  const send = act(async () => {
    setSaid(t("signOut.unsent.sending"));
    await sendUnsentNow();
    const rest = summarizeUnsent(await readUnsent(props.userId));
    if (rest.total === 0) {
      await signOut("delete");
      return props.onSignedOut(t("status.signedOutSent"));
    }
    setSummary(rest);
    setLeft(true);
    setSaid(t("signOut.unsent.left", { what: what() }));
  });
  const keep = act(async () => {
    await signOut("keep");
    props.onSignedOut(t("status.signedOutKept"));
  });
  const remove = act(async () => {
    await signOut("delete");
    props.onSignedOut(t("status.signedOut"));
  });
  const disabled = () => (busy() ? "true" : undefined);

  return (
    <Dialog
      titleId="sign-out-unsent-title"
      describedBy="sign-out-unsent-what sign-out-unsent-explain"
      role="alertdialog"
      onClose={() => !busy() && props.onCancel()}
    >
      <h2 id="sign-out-unsent-title">{t("signOut.unsent.title")}</h2>
      <p id="sign-out-unsent-what">
        {left()
          ? t("signOut.unsent.left", { what: what() })
          : t("signOut.unsent.count", { count: summary().total, what: what() })}
      </p>
      <p id="sign-out-unsent-explain">
        {shared ? t("signOut.unsent.shared") : t("signOut.unsent.explain")}
      </p>
      <Show when={!online()}>
        <p>{t("signOut.unsent.offline")}</p>
      </Show>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {said()}
      </div>
      <div class="button-row">
        <Show when={online()}>
          <button
            type="button"
            class="button button--primary"
            autofocus
            aria-disabled={disabled()}
            onClick={send}
          >
            {t("signOut.unsent.send")}
          </button>
        </Show>
        <Show when={!shared}>
          <button
            type="button"
            class="button button--secondary"
            autofocus={!online()}
            aria-disabled={disabled()}
            aria-describedby="sign-out-unsent-keep-hint"
            onClick={keep}
          >
            {t("signOut.unsent.keep")}
          </button>
        </Show>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={disabled()}
          onClick={remove}
        >
          {t("signOut.unsent.delete")}
        </button>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={disabled()}
          onClick={() => !busy() && props.onCancel()}
        >
          {t("signOut.unsent.cancel")}
        </button>
      </div>
      <Show when={!shared}>
        <p id="sign-out-unsent-keep-hint" class="field__hint">
          {t("signOut.unsent.keepHint", { count: keptWritesDays })}
        </p>
      </Show>
    </Dialog>
  );
}
