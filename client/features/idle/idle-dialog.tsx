import { createEffect, createSignal, on, onCleanup, onMount, Show } from "solid-js";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { Dialog } from "../../ui/dialog.tsx";
import { formatCountdown, shouldAnnounce } from "./idle-deadline.ts";
import "./idle.css";

/**
 * "You will be signed out in 2:00" (WCAG 2.2.1 Timing Adjustable): a modal dialog, opened with
 * showModal() so the rest of the page is inert and Tab stays inside it; "Stay signed in" has
 * focus, and Escape means the same. The time left is said through a live region inside the
 * dialog (outside it, a modal's inert page would not be heard) on opening and at 1:00, 0:30 and
 * 0:10; the visible count ticks every second without being read out each time.
 */
export function IdleDialog(props: {
  leftMs: number;
  limit: "idle" | "absolute";
  onStay: () => void;
  onSignOut: () => void;
}) {
  const [said, setSaid] = createSignal("");
  const countdown = () => formatCountdown(props.leftMs, currentLocale());
  const idle = () => props.limit === "idle";

  onMount(() => {
    // Filled a moment after opening: a live region that appears with its text is not read.
    const first = setTimeout(
      () => setSaid(t("security.idle.timeLeft", { time: countdown() })),
      500,
    );
    onCleanup(() => clearTimeout(first));
  });
  createEffect(
    on(
      () => props.leftMs,
      (now, previous) => {
        if (previous !== undefined && shouldAnnounce(previous, now)) {
          setSaid(t("security.idle.timeLeft", { time: countdown() }));
        }
      },
    ),
  );

  return (
    <Dialog
      class="idle-dialog"
      role="alertdialog"
      titleId="idle-title"
      describedBy="idle-countdown idle-explain"
      // Escape: the quickest way out of the warning is to stay.
      onClose={props.onStay}
    >
      <h2 id="idle-title">
        {idle() ? t("security.idle.title") : t("security.idle.absoluteTitle")}
      </h2>
      <p id="idle-countdown" class="idle-dialog__countdown">
        {idle()
          ? t("security.idle.countdown", { time: countdown() })
          : t("security.idle.absoluteCountdown", { time: countdown() })}
      </p>
      <p id="idle-explain">
        {idle() ? t("security.idle.explain") : t("security.idle.absoluteExplain")}
      </p>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {said()}
      </div>
      <div class="button-row">
        <Show
          when={idle()}
          fallback={
            <button type="button" class="button button--primary" autofocus onClick={props.onStay}>
              {t("security.idle.continue")}
            </button>
          }
        >
          <button type="button" class="button button--primary" autofocus onClick={props.onStay}>
            {t("security.idle.stay")}
          </button>
        </Show>
        <button type="button" class="button button--secondary" onClick={props.onSignOut}>
          {t("security.idle.signOut")}
        </button>
      </div>
    </Dialog>
  );
}
