import type { JSX } from "solid-js";
import { FieldFrame } from "./field-frame.tsx";

export interface TextFieldProps {
  /** The input's id: labels, hints, errors and the error summary all point at it. */
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** The field's error message, shown above the input once a submit has failed. */
  error?: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "password" | "email" | "tel";
  autocomplete?: string;
  /** Off for usernames and passwords: phone keyboards otherwise "correct" them. */
  autocapitalize?: "none" | "sentences";
  spellcheck?: boolean;
  /** "numeric" for codes: phones show digits, yet leading zeros are kept (unlike type=number). */
  inputmode?: "numeric" | "text";
  /** Controls placed after the input (the password field's show/hide button). */
  after?: JSX.Element;
}

/**
 * A labelled text input with an optional hint and error, following GOV.UK: the error is
 * prefixed with a visually hidden "Error:", hint and error are tied to the input with
 * aria-describedby, and aria-invalid marks it for screen readers.
 *
 * @example
 * <TextField id="username" name="username" label={t("signIn.username.label")}
 *   value={username()} onInput={setUsername} error={errors().username} />
 */
export function TextField(props: TextFieldProps) {
  return (
    <FieldFrame id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <div class="field__control">
          <input
            class="field__input"
            id={props.id}
            name={props.name}
            type={props.type ?? "text"}
            autocomplete={props.autocomplete}
            autocapitalize={props.autocapitalize}
            spellcheck={props.spellcheck}
            inputmode={props.inputmode}
            value={props.value}
            onInput={(event) => props.onInput(event.currentTarget.value)}
            aria-describedby={aria.describedBy()}
            aria-invalid={aria.invalid()}
          />
          {props.after}
        </div>
      )}
    </FieldFrame>
  );
}
