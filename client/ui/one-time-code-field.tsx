import { TextField } from "./text-field.tsx";

/** What was typed, without the spaces people type (or paste) between the digits. */
export function typedCode(raw: string): string {
  return raw.replace(/\s/g, "");
}

/**
 * What is wrong with a typed one-time code (an authenticator app's, or one sent by email or SMS:
 * always six digits), or undefined when it has the right shape.
 *
 * @example oneTimeCodeProblem(typedCode("123 456")) // undefined
 */
export function oneTimeCodeProblem(typed: string): "required" | "invalid" | undefined {
  if (typed === "") return "required";
  return /^\d{6}$/.test(typed) ? undefined : "invalid";
}

/**
 * The field for a six-digit one-time code: phones offer digits and the code just received
 * (autocomplete="one-time-code"), and nothing "corrects" it.
 */
export function OneTimeCodeField(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <TextField
      id={props.id}
      name="code"
      label={props.label}
      hint={props.hint}
      error={props.error}
      value={props.value}
      onInput={props.onInput}
      autocomplete="one-time-code"
      inputmode="numeric"
      spellcheck={false}
    />
  );
}
