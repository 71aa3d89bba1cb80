import { createSignal, For, Show } from "solid-js";
import type { ApprovalRequest } from "../../../shared/contracts/approval.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { currentLocale, t } from "../../i18n/i18n.ts";
import { Dialog } from "../../ui/dialog.tsx";
import "./approval.css";

/**
 * "Is this you signing in?": a modal dialog (showModal(), so the page behind is inert and Tab
 * stays inside) naming the device and the time, with three numbers of which one is on the new
 * device's screen. Picking the wrong one denies the sign-in: a person tricked into approving
 * someone else's sign-in has to read the attacker's screen to succeed. Escape closes it
 * unanswered; the request then simply runs out.
 */
export function ApprovalDialog(props: {
  request: ApprovalRequest;
  busy: boolean;
  problem: ErrorCode | undefined;
  onApprove: (number: number) => void;
  onDeny: () => void;
  onClose: () => void;
}) {
  const [chosen, setChosen] = createSignal<number>();
  const [missing, setMissing] = createSignal(false);

  const device = () =>
    t("approval.dialog.device", {
      browser: props.request.browser ?? t("approval.dialog.unknownBrowser"),
      system: props.request.system ?? t("approval.dialog.unknownSystem"),
    });
  const time = () =>
    new Intl.DateTimeFormat(currentLocale(), { timeStyle: "short" }).format(
      new Date(props.request.createdAt),
    );
  const approve = () => {
    const number = chosen();
    if (number === undefined) {
      setMissing(true);
      document.getElementById(`approval-choice-${props.request.choices[0]}`)?.focus();
      return;
    }
    props.onApprove(number);
  };

  return (
    <Dialog
      class="approval-dialog"
      titleId="approval-dialog-title"
      describedBy="approval-dialog-who approval-dialog-when"
      onClose={props.onClose}
    >
      <h2 id="approval-dialog-title">{t("approval.dialog.title")}</h2>
      <p id="approval-dialog-who">{t("approval.dialog.who", { device: device() })}</p>
      <p id="approval-dialog-when">{t("approval.dialog.when", { time: time() })}</p>
      <fieldset
        class="approval-choices"
        aria-describedby={missing() ? "approval-dialog-missing" : undefined}
      >
        <legend>{t("approval.dialog.choose")}</legend>
        <Show when={missing()}>
          <p id="approval-dialog-missing" class="approval-error">
            {t("approval.dialog.chooseFirst")}
          </p>
        </Show>
        <div class="approval-choices__options">
          <For each={props.request.choices}>
            {(number, index) => (
              <label class="approval-choices__option" for={`approval-choice-${number}`}>
                <input
                  type="radio"
                  id={`approval-choice-${number}`}
                  name="approval-number"
                  value={number}
                  autofocus={index() === 0}
                  checked={chosen() === number}
                  onChange={() => {
                    setChosen(number);
                    setMissing(false);
                  }}
                />
                {number}
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <Show when={props.problem}>
        {(code) => (
          <p class="approval-error" role="alert">
            {t(`errors.${code()}.message`)}
          </p>
        )}
      </Show>
      <p>{t("approval.dialog.notYou")}</p>
      <div class="button-row">
        <button
          type="button"
          class="button button--primary"
          aria-disabled={props.busy ? "true" : undefined}
          onClick={() => !props.busy && approve()}
        >
          {t("approval.dialog.approve")}
        </button>
        <button
          type="button"
          class="button"
          aria-disabled={props.busy ? "true" : undefined}
          onClick={() => !props.busy && props.onDeny()}
        >
          {t("approval.dialog.deny")}
        </button>
      </div>
    </Dialog>
  );
}
