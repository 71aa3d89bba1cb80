import { createResource, createSignal, onCleanup, onMount, Show } from "solid-js";
import type { ApprovalRequest } from "../../../shared/contracts/approval.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { answerApproval, fetchApprovals } from "../../api/approval.ts";
import { loadNamespaces, t } from "../../i18n/i18n.ts";
import { announce } from "../../ui/live-region.tsx";
import { ApprovalDialog } from "./approval-dialog.tsx";

/** How often a visible signed-in page looks for sign-ins waiting for its approval. */
const pollMs = 10_000;

/**
 * Looks for sign-ins of this person waiting for approval (GET /api/account/approvals, every
 * 10 s while the page is visible; not activity for the idle timeout) and opens the dialog for
 * the newest. Loaded lazily by the app shell, with the `approval` words, for signed-in people
 * only (docs/decisions/0022-device-approval.md).
 */
export default function ApprovalWatch() {
  const [words] = createResource(() => loadNamespaces(["approval"]).then(() => true));
  const [request, setRequest] = createSignal<ApprovalRequest>();
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<ErrorCode>();
  /** Requests closed with Escape: not asked about again on this page. */
  const dismissed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;

  async function check() {
    clearTimeout(timer);
    if (finished || document.visibilityState !== "visible") return;
    const answer = await fetchApprovals();
    if (finished) return;
    if (answer.ok && !busy()) {
      const waiting = answer.data.find((r) => !dismissed.has(r.id));
      if (waiting?.id !== request()?.id) {
        setProblem(undefined);
        setRequest(waiting);
      }
    }
    timer = setTimeout(check, pollMs);
  }

  async function reply(answer: { decision: "approve"; number: number } | { decision: "deny" }) {
    const current = request();
    if (!current) return;
    setBusy(true);
    const result = await answerApproval(current.id, answer);
    setBusy(false);
    if (!result.ok && (result.code.startsWith("NET-") || result.code === "SRV-501")) {
      return setProblem(result.code);
    }
    dismissed.add(current.id);
    setRequest(undefined);
    announce(
      result.ok
        ? t(
            result.data.state === "approved"
              ? "approval.dialog.approved"
              : "approval.dialog.denied",
          )
        : t(`errors.${result.code}.message`),
    );
  }

  const onVisible = () => {
    if (document.visibilityState === "visible") void check();
  };
  onMount(() => {
    void check();
    document.addEventListener("visibilitychange", onVisible);
  });
  onCleanup(() => {
    finished = true;
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  });

  return (
    <Show when={words() && request()} keyed>
      {(shown) => (
        <ApprovalDialog
          request={shown}
          busy={busy()}
          problem={problem()}
          onApprove={(number) => void reply({ decision: "approve", number })}
          onDeny={() => void reply({ decision: "deny" })}
          onClose={() => {
            dismissed.add(shown.id);
            setRequest(undefined);
          }}
        />
      )}
    </Show>
  );
}
