import { Show } from "solid-js";
import type { SendMessageArgs } from "../../../shared/contracts/inbox.ts";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { addToOutbox, dismissRejected } from "../../local/outbox.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import type { DeviceMessage } from "./device-inbox.ts";

/**
 * Where one of the patient's messages stands: "Sending…", "Will be sent when you're back
 * online", "Sent", "Read", or "Not sent" with the error code, what to do, and Retry / Edit.
 * A refused message stays on the device until it is sent again or taken back to edit.
 */
export function SendState(props: {
  db: UserDatabase;
  userId: string;
  message: DeviceMessage;
  args?: SendMessageArgs | undefined;
  onEdit?: (message: DeviceMessage) => void;
}) {
  const retry = async () => {
    const { seq } = props.message;
    if (seq === undefined || !props.args) return;
    // A new mutation id, the same message id: the server stores the message once at most.
    await dismissRejected(props.db, seq);
    await addToOutbox(props.db, props.userId, "message.send", props.args);
  };
  return (
    <Show
      when={props.message.state !== "rejected"}
      fallback={
        <div class="inbox-state inbox-state--rejected">
          <p class="inbox-state__label">{t("inbox.thread.status.notSent")}</p>
          <Show when={props.message.code}>{(code) => <ErrorExplanation code={code()} />}</Show>
          <div class="button-row">
            <Button onClick={() => void retry()}>{t("inbox.thread.retry")}</Button>
            <Button onClick={() => props.onEdit?.(props.message)}>{t("inbox.thread.edit")}</Button>
          </div>
        </div>
      }
    >
      <p class="inbox-state">
        {props.message.state === "pending"
          ? online()
            ? t("inbox.thread.status.sending")
            : t("inbox.thread.status.offline")
          : props.message.readAt
            ? t("inbox.thread.status.read")
            : t("inbox.thread.status.sent")}
      </p>
    </Show>
  );
}
