import type { JSX } from "solid-js";
import "./form.css";

interface ButtonProps {
  /** `primary` for the one main action of a page; `secondary` for everything else. */
  variant?: "primary" | "secondary";
  /** Defaults to "button", so only a form's main button submits it. */
  type?: "button" | "submit";
  class?: string;
  onClick?: () => void;
  "aria-pressed"?: "true" | "false";
  "aria-controls"?: string;
  "aria-describedby"?: string;
  /** Not `disabled`: a disabled button drops keyboard focus and disappears for screen readers. */
  "aria-disabled"?: "true";
  children: JSX.Element;
}

/**
 * A button at least 44 pixels tall. Attributes are listed rather than spread: a JSX spread
 * pulls Solid's whole attribute table into the sign-in page's budget.
 *
 * @example <Button variant="primary" type="submit">{t("signIn.submit")}</Button>
 */
export function Button(props: ButtonProps) {
  return (
    <button
      type={props.type ?? "button"}
      class={`button button--${props.variant ?? "secondary"}${props.class ? ` ${props.class}` : ""}`}
      onClick={() => props.onClick?.()}
      aria-pressed={props["aria-pressed"]}
      aria-controls={props["aria-controls"]}
      aria-describedby={props["aria-describedby"]}
      aria-disabled={props["aria-disabled"]}
    >
      {props.children}
    </button>
  );
}
