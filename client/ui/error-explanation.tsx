import { Show } from "solid-js";
import { type ErrorCode, errorCatalog } from "../../shared/errors.ts";
import { formatWait } from "../i18n/format.ts";
import { t } from "../i18n/i18n.ts";
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
 * (issue 9: every error shown anywhere links to its guide).
 *
 * @example <ErrorExplanation code="NET-601" />
 */
export function ErrorExplanation(props: ErrorExplanationProps) {
  return (
    <div class="error-explanation">
      <Show when={props.showMessage ?? true}>
        <p>{t(`errors.${props.code}.message`)}</p>
      </Show>
      <p>{t(`errors.${props.code}.action`)}</p>
      <Show when={props.retryAfterSeconds}>
        {(wait) => <p>{t("errorCode.retryAfter", { wait: formatWait(wait()) })}</p>}
      </Show>
      <p class="error-explanation__code">{t("errorCode.label", { code: props.code })}</p>
      <p>
        <a href={`/help/${errorCatalog[props.code].guide}`}>{t("errorCode.help")}</a>
      </p>
    </div>
  );
}
