import { createSignal, onCleanup, onMount, Show } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { askForApproval, pollApproval, type WaitAnswer } from "../../api/approval.ts";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { signedIn } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import "./approval-wait.css";

/** How often the new device asks whether the other one answered. */
const pollMs = 2000;
/** Answers that end the wait; anything else (offline, a slow server) is asked again. */
const final: ReadonlySet<ErrorCode> = new Set([
  "AUTH-102",
  "AUTH-105",
  "AUTH-170",
  "AUTH-171",
  "AUTH-172",
]);

/**
 * The new device's side of "Approve from a device where you're signed in": asks, shows the
 * two-digit number to pick on the other device, and polls every 2 seconds until it is answered
 * (docs/decisions/0022-device-approval.md). The number is said through the live region once.
 */
export default function ApprovalWait(props: {
  onUseCode: () => void;
  /** The sign-in itself is over (AUTH-102): the page says so and offers to start again. */
  onEnded: (code: ErrorCode) => void;
}) {
  const [number, setNumber] = createSignal<number>();
  const [expiresAt, setExpiresAt] = createSignal<string>();
  const state = createFormState();
  const problem = state.problem;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };

  /** Acts on one answer from the server; false when the wait is over. */
  const take = (result: Awaited<ReturnType<typeof pollApproval>>): boolean => {
    if (!result.ok) {
      if (!final.has(result.code)) return true;
      if (result.code === "AUTH-102") props.onEnded(result.code);
      state.fail([], result.code, result.retryAfterSeconds);
      return false;
    }
    const answer: WaitAnswer = result.data;
    if ("me" in answer) {
      announce(t("approval.wait.approved"));
      void signedIn(answer.me);
      return false;
    }
    if (answer.state === "pending") {
      if (number() !== answer.number)
        announce(t("approval.wait.announce", { number: answer.number }));
      setNumber(answer.number);
      setExpiresAt(answer.expiresAt);
      return true;
    }
    // The request is gone (answered elsewhere and used): nothing left to wait for.
    state.fail([], "AUTH-172");
    return false;
  };

  const poll = async () => {
    const result = await pollApproval();
    if (stopped) return;
    if (take(result)) timer = setTimeout(poll, pollMs);
    else stop();
  };

  const ask = async () => {
    stop();
    stopped = false;
    state.clear();
    setNumber(undefined);
    const result = await askForApproval();
    if (stopped) return;
    if (take(result)) timer = setTimeout(poll, pollMs);
    else stop();
  };

  onMount(() => void ask());
  onCleanup(stop);

  const until = () => {
    const at = expiresAt();
    return at
      ? new Intl.DateTimeFormat(currentLocale(), { timeStyle: "short" }).format(new Date(at))
      : "";
  };

  return (
    <section aria-labelledby="approval-heading">
      <h2 id="approval-heading">{t("approval.wait.heading")}</h2>
      <FormSummary form={state} />
      <Show when={!problem() && number()}>
        {(shown) => (
          <>
            <p>{t("approval.wait.intro")}</p>
            <p>{t("approval.wait.numberLabel")}</p>
            <p class="approval-number" id="approval-number">
              {shown()}
            </p>
            <p class="secondary-text">{t("approval.wait.waiting")}</p>
            <p class="secondary-text">{t("approval.wait.expires", { time: until() })}</p>
          </>
        )}
      </Show>
      <div class="button-row">
        <Show when={problem() && problem() !== "AUTH-102" && problem() !== "AUTH-171"}>
          <Button variant="primary" onClick={() => void ask()}>
            {t("approval.wait.askAgain")}
          </Button>
        </Show>
        <Button onClick={props.onUseCode}>{t("approval.wait.useCode")}</Button>
      </div>
    </section>
  );
}
