import { createSignal } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { retryOpening, session } from "../../local/session.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";

/**
 * What a signed-in page shows while the device copy waits for its key (session `copyWaiting`:
 * the network went between signing in and the key). Nothing reads or writes the copy until
 * then, so no write is refused half-way; the session tries again by itself, and "Try again
 * now" does at once. Opened, the page asked for takes this one's place and its heading focus.
 */
export function CopyWaitingPage(props: { problem: ErrorCode }) {
  const [trying, setTrying] = createSignal(false);
  const retry = async () => {
    if (trying()) return;
    setTrying(true);
    await retryOpening();
    setTrying(false);
    const current = session();
    if (current.state === "signed-in" && current.copyWaiting) {
      announce(t("device.waiting.stillWaiting"));
    }
  };
  return (
    <Page title={t("device.waiting.title")}>
      <p>{t("device.waiting.body")}</p>
      <ErrorExplanation code={props.problem} />
      <Button
        variant="primary"
        onClick={() => void retry()}
        aria-disabled={trying() ? "true" : undefined}
      >
        {t("device.waiting.retry")}
      </Button>
    </Page>
  );
}
