import { For, type JSX, Show } from "solid-js";
import { formatMoment } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { MessageText } from "./message-text.tsx";

export interface ShownMessage {
  id: string;
  /** Who wrote it, as the reader should hear it ("You", "Dr. Lee, Diabetes care team"). */
  author: string;
  body: string;
  sentAt: string | null;
  isNew: boolean;
}

/**
 * A conversation's messages, oldest first, as a list: who, when, what. Names and text that
 * people typed are each isolated (<bdi>, MessageText), so none can reorder the rest.
 * `after` adds what belongs under one message (its sending state).
 */
export function MessageList(props: {
  messages: readonly ShownMessage[];
  after?: (message: ShownMessage) => JSX.Element;
}) {
  return (
    <ol class="inbox-messages">
      <For each={props.messages}>
        {(message) => (
          <li class="inbox-message" classList={{ "inbox-message--new": message.isNew }}>
            <p class="inbox-message__meta">
              <strong>
                <bdi>{message.author}</bdi>
              </strong>
              <Show when={message.sentAt}>
                {(at) => (
                  <>
                    {" · "}
                    <time datetime={at()}>
                      {t("inbox.thread.sentAt", { when: formatMoment(at()) })}
                    </time>
                  </>
                )}
              </Show>
              <Show when={message.isNew}>
                {" "}
                <span class="inbox-badge">{t("inbox.thread.new")}</span>
              </Show>
            </p>
            <MessageText body={message.body} />
            {props.after?.(message)}
          </li>
        )}
      </For>
    </ol>
  );
}
