import { useNavigate } from "@solidjs/router";
import { createEffect, createSignal, onCleanup, onMount, Show } from "solid-js";
import { markReadMaxIds } from "../../../shared/contracts/inbox.ts";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { createDraft } from "../../local/drafts.ts";
import { addToOutbox, dismissRejected } from "../../local/outbox.ts";
import { currentUser } from "../../local/session.ts";
import { createSignedInDatabase } from "../../local/signed-in-database.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { DraftKeptNotice } from "../../ui/draft-kept-notice.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import type { DeviceMessage, DeviceThread } from "./device-inbox.ts";
import { createDeviceInbox } from "./device-inbox-query.ts";
import { MessageList, type ShownMessage } from "./message-list.tsx";
import { ReplyForm } from "./reply-form.tsx";
import { SendState } from "./send-state.tsx";
import { shownText } from "./shown-text.ts";

/** One of the patient's conversations, read from the device; replies go through the outbox. */
export function PatientThread(props: { threadId: string }) {
  const db = createSignedInDatabase();
  return (
    <Show when={db()} keyed fallback={<Page title={t("inbox.title")} />}>
      {(open) => <Conversation db={open} threadId={props.threadId} />}
    </Show>
  );
}

function Conversation(props: { db: UserDatabase; threadId: string }) {
  const navigate = useNavigate();
  const userId = currentUser()?.id ?? "";
  const inbox = createDeviceInbox();
  const thread = () => inbox()?.threads.find((candidate) => candidate.id === props.threadId);
  // Unread when first seen on this visit: still marked "New" after they are marked read.
  const [seenNew, setSeenNew] = createSignal<ReadonlySet<string>>(new Set());
  const queued = new Set<string>();
  createEffect(() => {
    const current = thread();
    if (!current) return;
    const ids = current.messages.filter((m) => m.unread && !queued.has(m.id)).map((m) => m.id);
    if (ids.length === 0) return;
    for (const id of ids) queued.add(id);
    setSeenNew(new Set([...seenNew(), ...ids]));
    for (let i = 0; i < ids.length; i += markReadMaxIds) {
      void addToOutbox(props.db, userId, "message.markRead", {
        threadId: current.id,
        messageIds: ids.slice(i, i + markReadMaxIds),
      });
    }
  });

  const [reply, setReplyText] = createSignal("");
  // The reply is kept as it is typed, so an idle sign-out does not lose it (ADR 29).
  const draft = createDraft<{ body: string }>(props.db, `message:reply:${props.threadId}`);
  const [restored, setRestored] = createSignal(false);
  const setReply = (body: string) => {
    setReplyText(body);
    draft.save({ body }, body === "");
  };
  onCleanup(() => void draft.flush());
  onMount(async () => {
    const kept = await draft.load();
    if (!kept?.body || reply()) return;
    setReplyText(kept.body);
    setRestored(true);
  });
  const send = async (body: string) => {
    await addToOutbox(props.db, userId, "message.send", {
      messageId: crypto.randomUUID(),
      threadId: props.threadId,
      body,
    });
    setReplyText("");
    await draft.clear();
    setRestored(false);
    announce(online() ? t("inbox.announce.queued") : t("inbox.announce.queuedOffline"));
    return { ok: true } as const;
  };
  const edit = async (current: DeviceThread, message: DeviceMessage) => {
    // A message that was to start the thread, or one the closed thread refused, is edited as
    // a new conversation: here there is no thread (or no reply box) to put it back in.
    const startsThread = !current.messages.some((m) => m.state === "sent");
    if ((startsThread || current.status === "closed") && message.seq !== undefined) {
      navigate(`/inbox/new?edit=${message.seq}`);
      return;
    }
    setReply(message.body);
    if (message.seq !== undefined) await dismissRejected(props.db, message.seq);
    document.getElementById("inbox-reply")?.focus();
  };
  const shown = (current: DeviceThread): ShownMessage[] =>
    current.messages.map((m) => ({
      id: m.id,
      author:
        m.side === "patient"
          ? t("inbox.thread.you")
          : t("inbox.thread.teamAuthor", { name: m.authorName, team: current.careTeamName }),
      body: m.body,
      sentAt: m.sentAt,
      isNew: seenNew().has(m.id),
    }));

  return (
    <Show
      when={thread()}
      fallback={
        <Page title={t("inbox.title")}>
          <Show when={inbox()}>
            <p>{t("inbox.thread.notFound")}</p>
          </Show>
          <p>
            <a href="/inbox">{t("inbox.thread.back")}</a>
          </p>
        </Page>
      }
    >
      {(current) => (
        <Page title={shownText(current().subject)}>
          <p>
            <a href="/inbox">{t("inbox.thread.back")}</a>
          </p>
          <Show when={current().careTeamName}>
            <p>{t("inbox.list.withTeam", { team: current().careTeamName })}</p>
          </Show>
          <h2>{t("inbox.thread.messagesHeading")}</h2>
          <MessageList
            messages={shown(current())}
            after={(message) => {
              const own = current().messages.find((m) => m.id === message.id);
              return own && own.side === "patient" ? (
                <SendState
                  db={props.db}
                  userId={userId}
                  message={own}
                  args={own.args}
                  onEdit={(m) => void edit(current(), m)}
                />
              ) : null;
            }}
          />
          <Show
            when={current().status === "open"}
            fallback={
              <StatusBanner tone="info" title={t("inbox.thread.closed")}>
                <p>
                  <a href="/inbox/new">{t("inbox.list.newMessage")}</a>
                </p>
              </StatusBanner>
            }
          >
            <DraftKeptNotice text={restored() ? t("inbox.draft.restored") : undefined} />
            <ReplyForm
              id="inbox-reply"
              label={t("inbox.thread.reply.label")}
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
