import { createSignal } from "solid-js";

const [message, setMessage] = createSignal("");
let pending: ReturnType<typeof setTimeout> | undefined;

/** What the live region says now (live-region.tsx shows it). */
export { message as announcement };

/**
 * Says `text` to screen-reader users without moving their focus (WCAG 4.1.3, status
 * messages). The region is emptied first and filled a moment later, so that the same message
 * twice in a row is announced twice. Plain TypeScript, apart from the region itself, so that
 * client/local can announce too (tab-follow.ts) and still run under Node in the client-sync
 * tests.
 *
 * @example announce(t("status.backOnline"));
 */
export function announce(text: string): void {
  clearTimeout(pending);
  setMessage("");
  pending = setTimeout(() => setMessage(text), 50);
}
