import { createResource, createSignal, Show } from "solid-js";
import type { InboxThread } from "../../../shared/contracts/inbox.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { closeThread, fetchThread, markThreadRead, postReply } from "./inbox-api.ts";
import { MessageList, type ShownMessage } from "./message-list.tsx";
import { ReplyForm } from "./reply-form.tsx";
import { shownText } from "./shown-text.ts";

/** One conversation in a clinician's inbox: read it, reply, mark it read, close it. */
export function ClinicianThread(props: { threadId: string }) {
  const [loaded] = createResource(() => props.threadId, fetchThread);
  const [thread, setThread] = createSignal<InboxThread>();
  const [problem, setProblem] = createSignal<ErrorCode>();
  const current = () =>
    thread() ?? (loaded()?.ok ? (loaded() as { data: InboxThread }).data : undefined);
  const failure = () => {
    const answer = loaded();
    return answer && !answer.ok ? answer.code : undefined;
  };

  const [reply, setReply] = createSignal("");
  // One id per draft: a reply sent again after a lost answer is stored once.
  let draftId = crypto.randomUUID();
  const send = async (body: string) => {
    const result = await postReply(props.threadId, { id: draftId, body });
    if (!result.ok) return result;
    draftId = crypto.randomUUID();
    setThread(result.data);
    setReply("");
    announce(t("inbox.announce.replySent"));
    return { ok: true } as const;
  };
  const act = async (action: typeof closeThread, said: string) => {
    const result = await action(props.threadId);
    if (!result.ok) {
      setProblem(result.code);
      return;
    }
    setProblem(undefined);
    setThread(result.data);
    announce(said);
  };

  const shown = (open: InboxThread): ShownMessage[] =>
    open.messages.map((m) => ({
      id: m.id,
      author:
        m.authorSide === "patient"
          ? (open.patientName ?? t("inbox.clinician.unknownPatient"))
          : t("inbox.thread.teamAuthor", { name: m.authorName, team: open.careTeamName }),
      body: m.body,
      sentAt: m.createdAt,
      isNew: m.authorSide === "patient" && !m.readAt,
    }));

  return (
    <Show
      when={current()}
      fallback={
        <Page title={t("inbox.clinician.title")}>
          <Show when={failure()} fallback={<p>{t("inbox.clinician.loading")}</p>}>
            {(code) => <ErrorExplanation code={code()} />}
          </Show>
          <p>
            <a href="/inbox">{t("inbox.thread.back")}</a>
          </p>
        </Page>
      }
    >
      {(open) => (
        <Page title={shownText(open().subject)}>
          <p>
            <a href="/inbox">{t("inbox.thread.back")}</a>
          </p>
          <p>
            {t("inbox.clinician.patient", {
              name: open().patientName ?? t("inbox.clinician.unknownPatient"),
            })}
            {" · "}
            {t("inbox.clinician.team", { team: open().careTeamName })}
          </p>
          <Show when={problem()}>{(code) => <ErrorExplanation code={code()} />}</Show>
          <h2>{t("inbox.thread.messagesHeading")}</h2>
          <MessageList
            messages={shown(open())}
            after={(message) => {
              const m = open().messages.find((candidate) => candidate.id === message.id);
              return m?.authorSide === "care-team" && m.readAt ? (
                <p class="inbox-state">{t("inbox.clinician.read")}</p>
              ) : null;
            }}
          />
          <div class="button-row">
            <Show when={open().unread > 0}>
              <Button onClick={() => void act(markThreadRead, t("inbox.announce.markedRead"))}>
                {t("inbox.clinician.markRead")}
              </Button>
            </Show>
            <Show when={open().status === "open"}>
              <Button onClick={() => void act(closeThread, t("inbox.announce.closed"))}>
                {t("inbox.clinician.close")}
              </Button>
            </Show>
          </div>
          <Show
            when={open().status === "open"}
            fallback={<StatusBanner tone="info" title={t("inbox.announce.closed")} />}
          >
            <ReplyForm
              id="inbox-reply"
              label={t("inbox.clinician.reply.label", {
                name: open().patientName ?? t("inbox.clinician.unknownPatient"),
              })}
              submitLabel={t("inbox.thread.reply.submit")}
              value={reply()}
              onInput={setReply}
              send={send}
            />
          </Show>
        </Page>
      )}
    </Show>
  );
}
