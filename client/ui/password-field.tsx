import { t } from "../i18n/i18n.ts";
import { Button } from "./button.tsx";
import { TextField } from "./text-field.tsx";

interface PasswordFieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onInput: (value: string) => void;
  /** "current-password" to sign in, "new-password" to choose one. */
  autocomplete: "current-password" | "new-password";
  /** Whether the password is shown as plain text; the caller owns it, to hide it on submit. */
  visible: boolean;
  onVisibleChange: (visible: boolean) => void;
}

/**
 * A password input with a "Show password" toggle button. The button keeps one name and
 * reports its state with aria-pressed (WAI-ARIA toggle button pattern), and never submits.
 * Autocorrect and capitalisation are off: phone keyboards change passwords silently.
 *
 * @example
 * <PasswordField id="password" name="password" label={t("signIn.password.label")}
 *   autocomplete="current-password" value={password()} onInput={setPassword}
 *   visible={shown()} onVisibleChange={setShown} />
 */
export function PasswordField(props: PasswordFieldProps) {
  return (
    <TextField
      id={props.id}
      name={props.name}
      label={props.label}
      hint={props.hint}
      error={props.error}
      value={props.value}
      onInput={props.onInput}
      autocomplete={props.autocomplete}
      autocapitalize="none"
      spellcheck={false}
      type={props.visible ? "text" : "password"}
      after={
        <Button
          class="field__toggle"
          aria-controls={props.id}
          aria-pressed={props.visible ? "true" : "false"}
          onClick={() => props.onVisibleChange(!props.visible)}
        >
          {t("form.showPassword")}
        </Button>
      }
    />
  );
}
