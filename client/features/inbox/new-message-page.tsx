import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, For, Match, onCleanup, onMount, Show, Switch } from "solid-js";
import {
  checkBody,
  checkSubject,
  inboxLimits,
  type SendMessageArgs,
} from "../../../shared/contracts/inbox.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { createDraft } from "../../local/drafts.ts";
import { addToOutbox, dismissRejected } from "../../local/outbox.ts";
import { currentUser } from "../../local/session.ts";
import { createSignedInDatabase } from "../../local/signed-in-database.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { Button } from "../../ui/button.tsx";
import { DraftKeptNotice } from "../../ui/draft-kept-notice.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { TextArea } from "../../ui/text-area.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { CharacterCount } from "./character-count.tsx";
import type { DeviceCareTeam } from "./device-inbox.ts";
import { createDeviceInbox } from "./device-inbox-query.ts";
import { EmergencyNotice } from "./emergency-notice.tsx";
import { NotForRole } from "./inbox-page.tsx";
import "./inbox.css";

type Field = "to" | "subject" | "body";
const fieldIds: Record<Field, string> = {
  to: "inbox-to",
  subject: "inbox-subject",
  body: "inbox-body",
};

/**
 * /inbox/new: a new conversation with a care team (who, subject, message). It is queued in the
 * outbox at once — online or not — and the page moves to the conversation, where it shows as
 * "Sending…". `?edit=<seq>` brings back a message the server refused, to change and send again.
 */
export default function NewMessagePage() {
  const db = createSignedInDatabase();
  return (
    <Show when={currentUser()?.role === "patient"} fallback={<NotForRole />}>
      <Page title={t("inbox.new.title")}>
        <Show when={db()} keyed>
          {(open) => <NewMessage db={open} />}
        </Show>
      </Page>
    </Show>
  );
}

function NewMessage(props: { db: UserDatabase }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const userId = currentUser()?.id ?? "";
  const inbox = createDeviceInbox();
  const [to, setTo] = createSignal("");
  const [subject, setSubject] = createSignal("");
  const [body, setBody] = createSignal("");
  const [editing, setEditing] = createSignal<number>();
  const form = createFormState();

  // What is typed is kept as it is typed, so an idle sign-out does not lose it (ADR 29).
  const draft = createDraft<{ to: string; subject: string; body: string }>(props.db, "message:new");
  const [restored, setRestored] = createSignal(false);
  const keep = () =>
    draft.save({ to: to(), subject: subject(), body: body() }, !subject() && !body());
  onCleanup(() => void draft.flush());

  onMount(async () => {
    const seq = Number(params.edit);
    if (!Number.isInteger(seq)) {
      const kept = await draft.load();
      if (!kept || subject() || body()) return;
      setTo(kept.to);
      setSubject(kept.subject);
      setBody(kept.body);
      setRestored(true);
      return;
    }
    const entry = await props.db.outbox.get(seq);
    if (entry?.name !== "message.send" || entry.state !== "rejected") return;
    const args = entry.args as SendMessageArgs;
    setTo(args.careTeamId ?? "");
    setSubject(args.subject ?? "");
    setBody(args.body);
    setEditing(seq);
  });

  const teams = (): DeviceCareTeam[] => inbox()?.careTeams ?? [];
  const chosen = () => to() || (teams().length === 1 ? (teams()[0]?.id ?? "") : "");
  const errorText = (field: Field) => form.messageFor(fieldIds[field]);
  const failure = (field: Field, code: ErrorCode): FieldFailure => ({
    fieldId: fieldIds[field],
    text: () => t(`errors.${code}.message`),
  });

  const submit = form.handleSubmit(async () => {
    const found: FieldFailure[] = [];
    if (!teams().some((team) => team.id === chosen())) found.push(failure("to", "MSG-916"));
    const subjectProblem = checkSubject(subject());
    if (subjectProblem) found.push(failure("subject", subjectProblem));
    const bodyProblem = checkBody(body());
    if (bodyProblem) found.push(failure("body", bodyProblem));
    if (found.length > 0) return form.fail(found);
    form.clear();
    const threadId = crypto.randomUUID();
    const seq = editing();
    if (seq !== undefined) await dismissRejected(props.db, seq);
    await addToOutbox(props.db, userId, "message.send", {
      messageId: crypto.randomUUID(),
      threadId,
      body: body(),
      careTeamId: chosen(),
      subject: subject(),
    });
    await draft.clear();
    announce(online() ? t("inbox.announce.queued") : t("inbox.announce.queuedOffline"));
    navigate(`/inbox/${threadId}`);
  });

  return (
    <>
      <DraftKeptNotice text={restored() ? t("inbox.draft.restored") : undefined} />
      <EmergencyNotice />
      <Show when={inbox()}>
        <Switch>
          <Match when={teams().length === 0}>
            <p>{t("inbox.new.to.none")}</p>
          </Match>
          <Match when={teams().length > 0}>
            <FormSummary form={form} />
            <form class="form" novalidate onSubmit={submit}>
              <fieldset
                class="field inbox-to"
                classList={{ "field--error": Boolean(errorText("to")) }}
                aria-describedby={errorText("to") ? "inbox-to-error" : undefined}
              >
                <legend class="field__label">{t("inbox.new.to.label")}</legend>
                <Show when={errorText("to")}>
                  <p class="field__error" id="inbox-to-error">
                    <span class="visually-hidden">{t("form.errorPrefix")} </span>
                    {errorText("to")}
                  </p>
                </Show>
                <For each={teams()}>
                  {(team, index) => (
                    <div class="inbox-choice">
                      <input
                        type="radio"
                        name="to"
                        id={index() === 0 ? fieldIds.to : `inbox-to-${team.id}`}
                        value={team.id}
                        checked={chosen() === team.id}
                        onChange={() => {
                          setTo(team.id);
                          keep();
                        }}
                      />
                      <label for={index() === 0 ? fieldIds.to : `inbox-to-${team.id}`}>
                        <bdi>{team.name}</bdi>
                        <Show when={team.members.length > 0}>
                          {" "}
                          <span class="inbox-choice__members">({team.members.join(", ")})</span>
                        </Show>
                      </label>
                    </div>
                  )}
                </For>
              </fieldset>
              <TextField
                id={fieldIds.subject}
                name="subject"
                label={t("inbox.new.subject.label")}
                hint={t("inbox.new.subject.hint", { max: inboxLimits.subject })}
                error={errorText("subject")}
                value={subject()}
                onInput={(value) => {
                  setSubject(value);
                  keep();
                }}
              />
              <TextArea
                id={fieldIds.body}
                name="body"
                label={t("inbox.new.body.label")}
                hint={t("inbox.new.body.hint", { max: inboxLimits.body })}
                error={errorText("body")}
                value={body()}
                onInput={(value) => {
                  setBody(value);
                  keep();
                }}
                rows={8}
              />
              <CharacterCount id="inbox-body-count" value={body()} max={inboxLimits.body} />
              <div class="button-row">
                <Button variant="primary" type="submit">
                  {t("inbox.new.submit")}
                </Button>
              </div>
            </form>
          </Match>
        </Switch>
      </Show>
      <p>
        <a href="/inbox">{t("inbox.new.cancel")}</a>
      </p>
    </>
  );
}
