/**
 * The field for choosing a new password, with the rules said up front, a show/hide toggle
 * and a strength hint (ASVS 6.2.7, 6.2.8; NIST SP 800-63B 3.1.1.2).
 *
 * API, for any page where a password is chosen (activation, reset, account security, support):
 *
 *   import { checkNewPassword, NewPasswordField, newPasswordMessage }
 *     from "../../ui/new-password-field.tsx";
 *   const [password, setPassword] = createSignal("");
 *   <NewPasswordField value={password()} onInput={setPassword}
 *     error={problem() && newPasswordMessage(problem())}        // after a failed submit
 *     userInputs={[username(), email]} />                      // words it must not lean on
 *   // On submit: checkNewPassword(password()) says "required", "passwordTooShort" or
 *   // "passwordTooLong" before sending; the server's REQ-302 may add "passwordCommon" or
 *   // "passwordLikeUsername" for field "password" (server/auth/password-policy.ts).
 *
 * The input's id is "new-password" unless `id` is given (error summaries link to it). The page
 * must load the `access` words: lazyWithWords(["access"], () => import("./your-page.tsx")).
 * The strength estimator (zxcvbn, ~400 KB) is fetched on the first keystroke, so it costs only
 * the pages that show this field; the password is shown hidden again when its form is submitted,
 * so the browser's password manager offers to save it.
 */
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import {
  newPasswordLength,
  newPasswordMaxLength,
  newPasswordMinLength,
  newPasswordRecommendedLength,
} from "../../shared/contracts/access.ts";
import type { FieldProblem } from "../../shared/errors.ts";
import { t } from "../i18n/i18n.ts";
import { PasswordField } from "./password-field.tsx";
import type { StrengthLevel } from "./password-strength.ts";
import "./new-password-field.css";

export interface NewPasswordFieldProps {
  /** The input's id; "new-password" by default. */
  id?: string;
  /** The input's name; "newPassword" by default. */
  name?: string;
  /** "Create a password" by default. */
  label?: string;
  value: string;
  onInput: (value: string) => void;
  /** The field's error message, once a submit has failed (see `newPasswordMessage`). */
  error?: string | undefined;
  /** The username, email or name: the strength hint counts a password built on them as weak. */
  userInputs?: readonly string[];
}

type NewPasswordProblem = Extract<
  FieldProblem["problem"],
  "required" | "passwordTooShort" | "passwordTooLong" | "passwordCommon" | "passwordLikeUsername"
>;

/** What can be told before sending: empty, too short or too long (the server says the rest). */
export function checkNewPassword(
  password: string,
): "required" | "passwordTooShort" | "passwordTooLong" | null {
  if (password === "") return "required";
  const length = newPasswordLength(password);
  if (length < newPasswordMinLength) return "passwordTooShort";
  if (length > newPasswordMaxLength) return "passwordTooLong";
  return null;
}

/** The sentence for a new password's problem, whether this page or the server found it. */
export function newPasswordMessage(problem: FieldProblem["problem"]): string {
  if (problem === "required") return t("access.newPassword.required");
  if (problem === "tooLong") return t("validation.passwordTooLong");
  if (problem === "tooShort") return t("validation.passwordTooShort");
  return t(`validation.${problem}`, { max: newPasswordMaxLength });
}

export type { NewPasswordProblem };

let estimator: Promise<typeof import("./password-strength.ts") | undefined> | undefined;

/** The estimator module, fetched once, the first time a page needs it; undefined if it cannot be. */
function loadEstimator() {
  estimator ??= import("./password-strength.ts").catch(() => {
    // Offline (it is not precached: vite.config.ts), or a new version replaced the file: no
    // hint this time, another try at the next keystroke.
    estimator = undefined;
    return undefined;
  });
  return estimator;
}

/** How long typing must pause before the hint is worked out and announced. */
const settleMs = 600;

export function NewPasswordField(props: NewPasswordFieldProps) {
  const id = () => props.id ?? "new-password";
  const [visible, setVisible] = createSignal(false);
  const [level, setLevel] = createSignal<StrengthLevel>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let host: HTMLDivElement | undefined;

  const estimate = (password: string) => {
    clearTimeout(timer);
    if (newPasswordLength(password) < newPasswordMinLength) {
      setLevel(undefined);
      return;
    }
    const loading = loadEstimator();
    timer = setTimeout(async () => {
      const found = await loading;
      if (!found) return;
      const { strengthOf } = found;
      // Only the latest value counts: typing may have gone on while the module loaded.
      if (password === props.value) setLevel(strengthOf(password, props.userInputs ?? []));
    }, settleMs);
  };

  // Hidden again on submit, so the browser's password manager sees a password field.
  const hide = () => setVisible(false);
  onMount(() => {
    host?.closest("form")?.addEventListener("submit", hide, { capture: true });
  });
  onCleanup(() => {
    clearTimeout(timer);
    host?.closest("form")?.removeEventListener("submit", hide, { capture: true });
  });

  return (
    <div class="new-password" ref={host}>
      <PasswordField
        id={id()}
        name={props.name ?? "newPassword"}
        label={props.label ?? t("access.newPassword.label")}
        hint={t("access.newPassword.hint", {
          min: newPasswordMinLength,
          max: newPasswordMaxLength,
          recommended: newPasswordRecommendedLength,
        })}
        error={props.error}
        value={props.value}
        onInput={(value) => {
          props.onInput(value);
          estimate(value);
        }}
        autocomplete="new-password"
        visible={visible()}
        onVisibleChange={setVisible}
      />
      {/* A status region (polite): announced once typing pauses, not on every key. */}
      <p class="new-password__strength" id={`${id()}-strength`} role="status">
        <Show when={level()}>
          {(found) => (
            <>
              <span
                class={`new-password__meter new-password__meter--${found()}`}
                aria-hidden="true"
              />
              {t(`access.newPassword.strength.${found()}`)}
            </>
          )}
        </Show>
      </p>
    </div>
  );
}
