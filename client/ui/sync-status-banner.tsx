import { Match, Show, Switch } from "solid-js";
import { formatMoment } from "../i18n/format.ts";
import { t } from "../i18n/i18n.ts";
import type { SyncStatus } from "../local/sync-status.ts";
import { ErrorExplanation } from "./error-explanation.tsx";
import { StatusBanner } from "./status-banner.tsx";

/** The sentence for a status, as shown in the banner's title and said by screen readers. */
export function syncStatusText(status: SyncStatus): string {
  switch (status.kind) {
    case "up-to-date":
      return t("sync.status.upToDate");
    case "offline":
      if (status.syncedAt) return t("sync.status.offline", { when: formatMoment(status.syncedAt) });
      return status.holdsRecords
        ? t("sync.status.offlinePartial")
        : t("sync.status.offlineNothingSaved");
    case "retrying":
      return status.syncedAt
        ? t("sync.status.retrying", { when: formatMoment(status.syncedAt) })
        : t("sync.status.retryingNoUpdate");
    case "sending":
      return t("sync.status.sending", { count: status.pending });
    case "syncing":
      return t("sync.status.syncing");
    case "failed":
      return t("sync.status.failed", { code: status.code });
  }
}

/**
 * The sync status every signed-in page shows. Not a live region: the signed-in frame announces
 * each change once through `announce()`.
 *
 * @example <SyncStatusBanner status={{ kind: "sending", pending: 2 }} />
 */
export function SyncStatusBanner(props: { status: SyncStatus }) {
  const tone = () => {
    const kind = props.status.kind;
    return kind === "up-to-date"
      ? "success"
      : kind === "failed" || kind === "offline" || kind === "retrying"
        ? "warning"
        : "info";
  };
  return (
    <div class="sync-status" data-sync-status={props.status.kind}>
      <StatusBanner tone={tone()} title={syncStatusText(props.status)}>
        <Switch>
          <Match when={props.status.kind === "up-to-date" && props.status}>
            {(s) => <p>{t("sync.updatedAt", { when: formatMoment(s().syncedAt) })}</p>}
          </Match>
          <Match when={props.status.kind === "offline" && props.status}>
            {(s) => (
              <Show when={s().pending > 0}>
                <p>{t("sync.pendingOffline", { count: s().pending })}</p>
              </Show>
            )}
          </Match>
          <Match when={props.status.kind === "retrying" && props.status}>
            {(s) => (
              <Show when={s().pending > 0}>
                <p>{t("sync.pendingRetrying", { count: s().pending })}</p>
              </Show>
            )}
          </Match>
          <Match when={props.status.kind === "failed" && props.status}>
            {(s) => <ErrorExplanation code={s().code} showMessage={true} />}
          </Match>
        </Switch>
      </StatusBanner>
    </div>
  );
}
