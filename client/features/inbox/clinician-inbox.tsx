import { createResource, For, Show } from "solid-js";
import { formatMoment } from "../../i18n/format.ts";
import { t } from "../../i18n/i18n.ts";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";
import { fetchThreads } from "./inbox-api.ts";
import { shownText } from "./shown-text.ts";

/**
 * A clinician's inbox: threads of their care teams' patients, those waiting longest for a
 * reply first (the server's order). Online: clinicians work at the clinic, and patient
 * messages are not kept on a clinician's device.
 */
export function ClinicianInbox() {
  const [list] = createResource(fetchThreads);
  const threads = () => {
    const answer = list();
    return answer?.ok ? answer.data.threads : undefined;
  };
  const failure = () => {
    const answer = list();
    return answer && !answer.ok ? answer.code : undefined;
  };
  return (
    <Page title={t("inbox.clinician.title")}>
      <p>{t("inbox.clinician.intro")}</p>
      <Show when={list()} fallback={<p>{t("inbox.clinician.loading")}</p>}>
        <Show when={failure()}>{(code) => <ErrorExplanation code={code()} />}</Show>
        <Show when={threads()}>
          {(all) => (
            <Show when={all().length > 0} fallback={<p>{t("inbox.clinician.empty")}</p>}>
              <ul class="inbox-list">
                <For each={all()}>
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
                        <span>
                          {t("inbox.clinician.patient", {
                            name: thread.patientName ?? t("inbox.clinician.unknownPatient"),
                          })}
                        </span>{" "}
                        <span>
                          {thread.status === "open" && thread.awaitingReply
                            ? t("inbox.clinician.awaiting", {
                                when: formatMoment(thread.lastMessageAt),
                              })
                            : t("inbox.clinician.answered", {
                                when: formatMoment(thread.lastMessageAt),
                              })}
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
          )}
        </Show>
      </Show>
    </Page>
  );
}
