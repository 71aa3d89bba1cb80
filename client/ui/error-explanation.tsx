import { Show } from "solid-js";
import type { ErrorCode } from "../../shared/errors.ts";
import { formatWait } from "../i18n/format.ts";
import { hasWords, t } from "../i18n/i18n.ts";
import "./form.css";

interface ErrorExplanationProps {
  code: ErrorCode;
  /** False when the message is already shown (as an error summary's link, for example). */
  showMessage?: boolean;
  /** With AUTH-105: how long the person must wait, from the server's answer. */
  retryAfterSeconds?: number | undefined;
}

/**
 * How every error is shown to a person: what happened, what to do, the code to read out to
 * support ("Error code AUTH-101"), and a link to the guide in shared/guides that resolves it
 * (ADR 14: every error shown anywhere links to its guide), through /help/code/<code>.
 *
 * @example <ErrorExplanation code="NET-601" />
 */
export function ErrorExplanation(props: ErrorExplanationProps) {
  // A code this version has no words for (a newer server) is explained as an unexpected
  // failure, still with its own code to read out to support.
  const words = (): ErrorCode =>
    hasWords(`errors.${props.code}.message`) ? props.code : "SRV-501";
  return (
    <div class="error-explanation">
      <Show when={props.showMessage ?? true}>
        <p>{t(`errors.${words()}.message`)}</p>
      </Show>
      <p>{t(`errors.${words()}.action`)}</p>
      <Show when={props.retryAfterSeconds}>
        {(wait) => <p>{t("errorCode.retryAfter", { wait: formatWait(wait()) })}</p>}
      </Show>
      <p class="error-explanation__code">{t("errorCode.label", { code: props.code })}</p>
      <p>
        {/* Resolved to the code's guide by the help pages, which carry the catalog. */}
        <a href={`/help/code/${props.code}`}>{t("errorCode.help")}</a>
      </p>
    </div>
  );
}
