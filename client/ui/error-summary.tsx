import { createEffect, For, on, Show } from "solid-js";
import type { ErrorCode } from "../../shared/errors.ts";
import { t } from "../i18n/i18n.ts";
import { ErrorExplanation } from "./error-explanation.tsx";
import "./form.css";

/** One entry of the summary: the message, and the id of the input it is about. */
export interface FieldError {
  fieldId: string;
  text: string;
}

interface ErrorSummaryProps {
  errors: readonly FieldError[];
  /** A problem that is not one field's (wrong password, offline), explained with its code. */
  problem?: ErrorCode;
  /** Changes on every submit, so a second failed submit moves focus here again. */
  attempt: number;
  /** With AUTH-105: the wait the server asked for. */
  retryAfterSeconds?: number | undefined;
}

/**
 * The GOV.UK error summary: shown after a submit fails, at the top of the form, titled
 * "There is a problem". It takes focus (and role="alert" announces it), and each entry links
 * to its field's input.
 *
 * @example
 * <Show when={errors().length > 0}>
 *   <ErrorSummary errors={errors()} attempt={attempt()} />
 * </Show>
 */
export function ErrorSummary(props: ErrorSummaryProps) {
  let summary: HTMLDivElement | undefined;
  createEffect(
    on(
      () => props.attempt,
      () => summary?.focus(),
    ),
  );
  return (
    <div
      class="error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
      ref={summary}
    >
      <h2 class="error-summary__title" id="error-summary-title">
        {t("errorSummary.title")}
      </h2>
      <Show when={props.errors.length > 0}>
        <ul class="error-summary__list">
          <For each={props.errors}>
            {(error) => (
              <li>
                <a
                  href={`#${error.fieldId}`}
                  on:click={(event) => focusField(event, error.fieldId)}
                >
                  {error.text}
                </a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.problem}>
        {(code) => (
          <ErrorExplanation
            code={code()}
            showMessage={props.errors.length === 0}
            retryAfterSeconds={props.retryAfterSeconds}
          />
        )}
      </Show>
    </div>
  );
}

/**
 * GOV.UK behaviour: focus the input and scroll its label into view, instead of letting the
 * browser (or the router) jump to the input and hide the label above the fold.
 */
function focusField(event: MouseEvent, fieldId: string): void {
  const input = document.getElementById(fieldId);
  if (!input) return;
  event.preventDefault();
  input.focus({ preventScroll: true });
  (document.querySelector(`label[for="${fieldId}"]`) ?? input).scrollIntoView();
}
