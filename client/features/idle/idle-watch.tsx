import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, onCleanup, onMount, Show } from "solid-js";
import { idleWarningMs } from "../../../shared/contracts/account.ts";
import { loadNamespaces, t } from "../../i18n/i18n.ts";
import { rememberReturnPath } from "../../local/return-path.ts";
import { currentUser, startSession } from "../../local/session.ts";
import { endIdleSession, sendUnsentNow, signOut } from "../../local/session-end.ts";
import { announce } from "../../ui/live-region.tsx";
import { type Deadline, nextDeadline } from "./idle-deadline.ts";
import { IdleDialog } from "./idle-dialog.tsx";
import { extendSession, fetchSessionTime } from "./session-time-api.ts";

/** Tabs of the same person tell each other "stayed" and "signed out", so one answer does for all. */
const channelName = "hearth-idle";
/** When the server cannot be asked (offline), ask again after this long. */
const retryMs = 60_000;

/**
 * Watches the session's time while someone is signed in, and opens the idle dialog at least
 * two minutes before the server would end it (WCAG 2.2.1; HIPAA automatic logoff). The time
 * comes from the server (`GET /api/account/session-time`, which does not count as activity);
 * this device's clock only measures how much of it has passed (idle-deadline.ts). Loaded
 * lazily by the app shell, with the `security` words, for signed-in people only.
 */
export default function IdleWatch() {
  const navigate = useNavigate();
  const [words] = createResource(() => loadNamespaces(["security"]).then(() => true));
  const [deadline, setDeadline] = createSignal<Deadline>();
  const [now, setNow] = createSignal(Date.now());
  /** The absolute limit's end the person already acknowledged ("Continue"): it cannot move. */
  const [acknowledged, setAcknowledged] = createSignal<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const channel =
    typeof BroadcastChannel === "undefined" ? undefined : new BroadcastChannel(channelName);

  const left = () => (deadline()?.at ?? Number.POSITIVE_INFINITY) - now();
  const warning = () =>
    deadline() !== undefined && left() <= idleWarningMs && acknowledged() !== deadline()?.endsAt;

  /** Asks the server how long is left, then plans the next moment to look again. */
  async function check(): Promise<void> {
    const answer = await fetchSessionTime();
    if (finished) return;
    if (answer.ok) {
      setDeadline(nextDeadline(deadline(), answer.data, Date.now()));
      return plan();
    }
    if (answer.code === "AUTH-102") {
      // Past its end (a laptop woke from sleep): the idle timeout. Before it (signed out
      // elsewhere, password changed): not idleness, so the session's own path says why.
      const known = deadline();
      return known && Date.now() >= known.at ? end() : stopFor(startSession);
    }
    // Offline or the server is down: the deadline already known still counts down.
    if (deadline()) return plan();
    wait(retryMs, check);
  }

  function wait(ms: number, then: () => void) {
    clearTimeout(timer);
    timer = setTimeout(then, ms);
  }

  function plan() {
    setNow(Date.now());
    const known = deadline();
    if (!known) return;
    const remaining = known.at - Date.now();
    if (remaining <= 0) return void expire();
    // Before the warning, look again just as it is due: someone may have used the session
    // meanwhile (this or another tab), and then the server's end has moved.
    if (remaining > idleWarningMs) return wait(remaining - idleWarningMs, check);
    wait(Math.min(1000, remaining), plan);
  }

  /** The count reached zero: one last look (another tab may have stayed), then the end. */
  async function expire() {
    const answer = await fetchSessionTime();
    if (finished) return;
    if (answer.ok) {
      const next = nextDeadline(deadline(), answer.data, Date.now());
      if (next !== deadline() && answer.data.remainingMs > 0) {
        setDeadline(next);
        return plan();
      }
    }
    await end();
  }

  function stopFor(next: () => Promise<void>) {
    finished = true;
    clearTimeout(timer);
    void next();
  }

  async function end() {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    channel?.postMessage("ended");
    // Signing in again as the same person comes back here, where their draft is waiting.
    const userId = currentUser()?.id;
    if (userId) rememberReturnPath(userId, `${location.pathname}${location.search}`);
    await endIdleSession();
    navigate("/sign-in");
  }

  async function stay() {
    const answer = await extendSession();
    if (!answer.ok) {
      if (answer.code === "AUTH-102") return stopFor(startSession);
      return announce(t(`errors.${answer.code}.message`));
    }
    setDeadline(nextDeadline(undefined, answer.data, Date.now()));
    channel?.postMessage("stayed");
    announce(t("security.idle.stayed"));
    plan();
  }

  async function leave() {
    finished = true;
    clearTimeout(timer);
    channel?.postMessage("ended");
    // No question asked here (the time is running out): what can be sent is sent, and on a
    // personal device what cannot is kept for the next sign-in rather than lost unseen.
    await sendUnsentNow();
    await signOut("keep");
    navigate("/sign-in");
  }

  const onVisible = () => {
    // Timers sleep with a hidden tab or a closed laptop: look again on return.
    if (document.visibilityState === "visible" && !finished) void check();
  };
  onMount(() => {
    void check();
    document.addEventListener("visibilitychange", onVisible);
    if (channel) {
      channel.onmessage = (event: MessageEvent<unknown>) => {
        if (event.data === "stayed") void check();
        if (event.data === "ended" && !finished) void check();
      };
    }
  });
  onCleanup(() => {
    finished = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
    channel?.close();
  });

  return (
    <Show when={words() && warning() && deadline()}>
      {(known) => (
        <IdleDialog
          leftMs={left()}
          limit={known().limit}
          onStay={known().limit === "idle" ? stay : () => setAcknowledged(known().endsAt)}
          onSignOut={leave}
        />
      )}
    </Show>
  );
}
