import { createSignal, Show } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { request } from "../../api/request.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";

/** A whole record can be large and the link slow: longer than an ordinary call may take. */
const exportTimeoutMs = 120_000;

/**
 * "Download my record": the server's export (GET /api/record/export, a FHIR R4 Bundle, audited
 * there) saved as a file. It needs the network, and says so with the catalog's code when there
 * is none; the device's copy is not exported, so what is saved is the clinic's record in full.
 */
export function DownloadRecord() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<ErrorCode>();
  const download = async () => {
    if (busy()) return;
    setBusy(true);
    setProblem(undefined);
    const result = await request({
      method: "GET",
      path: "/api/record/export",
      timeoutMs: exportTimeoutMs,
      read: (json) => (isRecord(json) && json.resourceType === "Bundle" ? json : undefined),
    });
    setBusy(false);
    if (!result.ok) {
      setProblem(result.code);
      announce(t(`errors.${result.code}.message`));
      return;
    }
    const blob = new Blob([JSON.stringify(result.data, null, 2)], {
      type: "application/fhir+json",
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = `hearth-record-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    announce(t("record.download.done"));
  };
  return (
    <section class="record-download" aria-labelledby="download-heading">
      <h2 id="download-heading">{t("record.download.heading")}</h2>
      <p id="download-hint">{t("record.download.hint")}</p>
      <Button
        onClick={() => void download()}
        aria-describedby="download-hint"
        aria-disabled={busy() ? "true" : undefined}
      >
        {busy() ? t("record.download.working") : t("record.download.button")}
      </Button>
      <Show when={problem()}>{(code) => <ErrorExplanation code={code()} />}</Show>
    </section>
  );
}
