import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { dismissKeptNotice, keptNotice, keptWritesDays } from "../local/kept-writes.ts";
import { Button } from "./button.tsx";
import { StatusBanner } from "./status-banner.tsx";

/**
 * "Another account has unsent changes kept on this device…": shown to the person who has just
 * signed in, once (kept-writes.ts decides when), until they hide it. Said through a live region
 * of its own, so the sync status said at the same moment does not replace it in the page's.
 */
export function KeptWritesNotice() {
  return (
    <Show when={keptNotice()}>
      <Notice />
    </Show>
  );
}

function Notice() {
  const [said, setSaid] = createSignal("");
  const text = () => t("keptWrites.notice", { count: keptWritesDays });
  onMount(() => {
    // The region is in the page first, empty; its text a moment later, so it is read out.
    const fill = setTimeout(() => setSaid(text()), 500);
    onCleanup(() => clearTimeout(fill));
  });
  return (
    <>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        {said()}
      </div>
      <StatusBanner tone="info" title={text()}>
        <Button onClick={dismissKeptNotice}>{t("keptWrites.dismiss")}</Button>
      </StatusBanner>
    </>
  );
}
