import { Show } from "solid-js";
import { StatusBanner } from "./status-banner.tsx";

/**
 * "Your unsent message was kept": shown above a form that found its draft (local/drafts.ts).
 * The live region is there from the start and the text comes with the draft, read a moment
 * later from the device, so a screen reader says it.
 *
 * @example <DraftKeptNotice text={restored() ? t("inbox.draft.restored") : undefined} />
 */
export function DraftKeptNotice(props: { text: string | undefined }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true">
      <Show when={props.text}>{(text) => <StatusBanner tone="info" title={text()} />}</Show>
    </div>
  );
}
