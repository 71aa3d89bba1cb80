import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { resetThisDevice } from "./reset-device.ts";
import { countUnsentChanges } from "./unsent-changes.ts";
import "./help.css";

/**
 * "Reset this app on this device" (/help/reset). Warns first about changes still in the
 * outbox — resetting deletes them — and says how to send them (the sync engine sends the
 * outbox by itself whenever the home page is open and online).
 */
export default function ResetAppPage() {
  const [unsent] = createResource(countUnsentChanges);
  const [resetting, setResetting] = createSignal(false);
  const reset = async () => {
    if (resetting()) return;
    setResetting(true);
    announce(t("help.reset.resetting"));
    await resetThisDevice();
  };
  return (
    <Page title={t("help.reset.title")}>
      <p>{t("help.reset.intro")}</p>
      <Show when={!unsent.loading}>
        <Switch>
          <Match when={(unsent() ?? 0) > 0}>
            <StatusBanner tone="warning" title={t("help.reset.unsent", { count: unsent() ?? 0 })}>
              <p>{t("help.reset.unsentSend")}</p>
              <p>
                <a href="/">{t("help.reset.goHome")}</a>
              </p>
            </StatusBanner>
          </Match>
          <Match when={true}>
            <p>{t("help.reset.nothingUnsent")}</p>
          </Match>
        </Switch>
        <div class="button-row">
          <Button
            variant="primary"
            onClick={reset}
            aria-disabled={resetting() ? "true" : undefined}
          >
            {(unsent() ?? 0) > 0 ? t("help.reset.confirmAnyway") : t("help.reset.confirm")}
          </Button>
          <Show when={resetting()}>
            <span class="secondary-text">{t("help.reset.resetting")}</span>
          </Show>
        </div>
      </Show>
      <p>
        <a href="/help">{t("help.reset.cancel")}</a>
      </p>
    </Page>
  );
}
