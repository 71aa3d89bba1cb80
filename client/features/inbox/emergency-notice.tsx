import { t } from "../../i18n/i18n.ts";
import { StatusBanner } from "../../ui/status-banner.tsx";

/** Shown before anyone writes (ADR 16): what messages are not for, and when to expect a reply. */
export function EmergencyNotice() {
  return (
    <StatusBanner tone="warning" title={t("inbox.notice.heading")}>
      <p>{t("inbox.notice.emergency")}</p>
      <p>{t("inbox.notice.replyTime")}</p>
    </StatusBanner>
  );
}
