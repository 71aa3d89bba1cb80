import { type JSX, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import "./form.css";

/** What the control inside a frame needs to be tied to its hint and error. */
export interface FieldAria {
  describedBy: () => string | undefined;
  invalid: () => "true" | undefined;
}

export interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: (aria: FieldAria) => JSX.Element;
}

/**
 * The GOV.UK field pattern around any control: label, hint, and an error prefixed with a
 * visually hidden "Error:", with hint and error tied to the control by aria-describedby and
 * aria-invalid. TextField and TextArea differ only in the control they put inside.
 */
export function FieldFrame(props: FieldFrameProps) {
  const hintId = () => `${props.id}-hint`;
  const errorId = () => `${props.id}-error`;
  const aria: FieldAria = {
    describedBy: () =>
      [props.hint ? hintId() : "", props.error ? errorId() : ""].filter(Boolean).join(" ") ||
      undefined,
    invalid: () => (props.error ? "true" : undefined),
  };
  return (
    <div class="field" classList={{ "field--error": Boolean(props.error) }}>
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <div class="field__hint" id={hintId()}>
          {props.hint}
        </div>
      </Show>
      <Show when={props.error}>
        <p class="field__error" id={errorId()}>
          <span class="visually-hidden">{t("form.errorPrefix")} </span>
          {props.error}
        </p>
      </Show>
      {props.children(aria)}
    </div>
  );
}
