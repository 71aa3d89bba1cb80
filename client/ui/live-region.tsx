import { createSignal } from "solid-js";

const [message, setMessage] = createSignal("");
let pending: ReturnType<typeof setTimeout> | undefined;

/**
 * Says `text` to screen-reader users without moving their focus (WCAG 4.1.3, status
 * messages). The region is emptied first and filled a moment later, so that the same message
 * twice in a row is announced twice.
 *
 * @example announce(t("status.backOnline"));
 */
export function announce(text: string): void {
  clearTimeout(pending);
  setMessage("");
  pending = setTimeout(() => setMessage(text), 50);
}

/**
 * The one polite live region of the page. It is in the layout from the start, because
 * screen readers ignore live regions that appear at the same time as their text.
 */
export function LiveRegion() {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message()}
    </div>
  );
}
