import { For, Show } from "solid-js";
import { formatMoment } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { createDeviceInbox } from "./device-inbox-query.ts";
import { EmergencyNotice } from "./emergency-notice.tsx";
import { shownText } from "./shown-text.ts";

/** The patient's conversations, newest activity first, read from the device. */
export function PatientInbox() {
  const inbox = createDeviceInbox();
  return (
    <>
      <EmergencyNotice />
      <Show when={inbox()}>
        {(box) => (
          <Show
            when={box().patientId || box().threads.length > 0}
            fallback={<p>{t("inbox.list.noRecord")}</p>}
          >
            <p>
              <a class="button button--primary inbox-new" href="/inbox/new">
                {t("inbox.list.newMessage")}
              </a>
            </p>
            <h2>{t("inbox.list.heading")}</h2>
            <Show when={box().threads.length > 0} fallback={<p>{t("inbox.list.empty")}</p>}>
              <ul class="inbox-list">
                <For each={box().threads}>
                  {(thread) => (
                    <li
                      class="inbox-list__item"
                      classList={{ "inbox-list__item--unread": thread.unread > 0 }}
                    >
                      <a href={`/inbox/${thread.id}`} class="inbox-list__link">
                        <bdi>{shownText(thread.subject)}</bdi>
                        <Show when={thread.unread > 0}>
                          {" "}
                          <span class="inbox-badge">
                            {t("inbox.list.unread", { n: thread.unread })}
                          </span>
                        </Show>
                      </a>
                      <p class="inbox-list__meta">
                        <Show when={thread.careTeamName}>
                          <span>
                            {t("inbox.list.withTeam", { team: thread.careTeamName })}
                          </span>{" "}
                        </Show>
                        <span>
                          {t("inbox.list.lastMessage", { when: formatMoment(thread.lastAt) })}
                        </span>
                        <Show when={thread.status === "closed"}>
                          {" "}
                          <span class="inbox-tag">{t("inbox.list.closed")}</span>
                        </Show>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        )}
      </Show>
    </>
  );
}
