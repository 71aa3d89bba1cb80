import { FieldFrame } from "./field-frame.tsx";

export interface TextAreaProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
}

/**
 * A labelled multi-line input: the GOV.UK textarea, in the same frame as TextField.
 *
 * @example <TextArea id="message" name="message" label={t("help.ask.message.label")}
 *   value={message()} onInput={setMessage} error={errors().message} />
 */
export function TextArea(props: TextAreaProps) {
  return (
    <FieldFrame id={props.id} label={props.label} hint={props.hint} error={props.error}>
      {(aria) => (
        <textarea
          class="field__input field__input--multiline"
          id={props.id}
          name={props.name}
          rows={props.rows ?? 5}
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          aria-describedby={aria.describedBy()}
          aria-invalid={aria.invalid()}
        />
      )}
    </FieldFrame>
  );
}
