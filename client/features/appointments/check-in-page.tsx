import { createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { answerMaxLength } from "../../../shared/contracts/appointments.ts";
import {
  hasControlCharacter,
  isBlankText,
  textProblem,
} from "../../../shared/contracts/free-text.ts";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { createDeviceQuery, readValue } from "../../local/device-query.ts";
import { createDraft } from "../../local/drafts.ts";
import { addToOutbox } from "../../local/outbox.ts";
import { Button } from "../../ui/button.tsx";
import { DraftKeptNotice } from "../../ui/draft-kept-notice.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextArea } from "../../ui/text-area.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { formatWhenInFull } from "./appointment-time.ts";
import { type AppointmentView, checkInOpen } from "./appointment-view.ts";
import { createDeviceAppointments, type DeviceAppointments } from "./device-appointments.ts";
import { checkInLists } from "./record-lists.ts";
import "./appointments.css";

/**
 * Pre-visit check-in (/appointments/:id/check-in), open from 7 days before the start until the
 * start: contact details, the medicines and allergies the record lists (confirm, or say what
 * changed), and the visit's questions. Sent through the outbox, so it can be filled in offline.
 */
export default function CheckInPage(props: { id: string }) {
  const device = createDeviceAppointments();
  const appointment = () => device()?.appointments.find((a) => a.id === props.id);
  return (
    <Show
      when={device() && appointment()}
      fallback={
        <Page title={t("appointments.checkIn.title")}>
          <p>{device() ? t("appointments.detail.notFound") : t("appointments.loading")}</p>
          <p>
            <a href="/appointments">{t("appointments.detail.back")}</a>
          </p>
        </Page>
      }
    >
      <CheckInForm
        device={device() as DeviceAppointments}
        appointment={appointment() as AppointmentView}
      />
    </Show>
  );
}

function CheckInForm(props: { device: DeviceAppointments; appointment: AppointmentView }) {
  const read = createDeviceQuery(
    () =>
      async ({ db, patientId }) =>
        patientId ? checkInLists(db, patientId) : { medications: [], allergies: [] },
  );
  const lists = () => readValue(read());
  const [phone, setPhone] = createSignal("");
  const [medicationsConfirmed, setMedicationsConfirmed] = createSignal(false);
  const [allergiesConfirmed, setAllergiesConfirmed] = createSignal(false);
  const [changes, setChanges] = createSignal("");
  const [symptoms, setSymptoms] = createSignal("");
  const [interpreter, setInterpreter] = createSignal(false);
  const form = createFormState();
  const [sent, setSent] = createSignal(false);
  const open = () => checkInOpen(props.appointment, new Date());

  // The answers are kept as they are given, so an idle sign-out does not lose them (ADR 29).
  const draft = createDraft<CheckInDraft>(props.device.db, `check-in:${props.appointment.id}`);
  const [restored, setRestored] = createSignal(false);
  const answers = (): CheckInDraft => ({
    phone: phone(),
    medicationsConfirmed: medicationsConfirmed(),
    allergiesConfirmed: allergiesConfirmed(),
    changes: changes(),
    symptoms: symptoms(),
    interpreter: interpreter(),
  });
  const kept =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      const now = answers();
      draft.save(now, !Object.values(now).some(Boolean));
    };
  onCleanup(() => void draft.flush());
  onMount(async () => {
    const saved = await draft.load();
    if (!saved || sent()) return;
    setPhone(saved.phone);
    setMedicationsConfirmed(saved.medicationsConfirmed);
    setAllergiesConfirmed(saved.allergiesConfirmed);
    setChanges(saved.changes);
    setSymptoms(saved.symptoms);
    setInterpreter(saved.interpreter);
    setRestored(true);
  });
  const errorOf = (id: string) => form.messageFor(id);

  const submit = form.handleSubmit(async () => {
    const found: FieldFailure[] = [];
    const number = phone().trim();
    // The server's rule (shared/contracts/free-text.ts): invisible characters alone are empty,
    // and a control character (NUL) cannot be kept.
    const phoneProblem = textProblem(number);
    if (phoneProblem === "control")
      found.push({ fieldId: "phone", text: () => t("errors.REQ-307.message") });
    else if (phoneProblem === "blank") {
      found.push({ fieldId: "phone", text: () => t("appointments.checkIn.phoneRequired") });
    } else if (number.length > 40) {
      found.push({ fieldId: "phone", text: () => t("appointments.checkIn.phoneTooLong") });
    }
    for (const [id, value] of [
      ["changes", changes()],
      ["symptoms", symptoms()],
    ] as const) {
      if (hasControlCharacter(value)) {
        found.push({ fieldId: id, text: () => t("errors.REQ-307.message") });
      } else if (value.trim().length > answerMaxLength) {
        found.push({
          fieldId: id,
          text: () => t("appointments.checkIn.tooLong", { max: answerMaxLength }),
        });
      }
    }
    if (found.length > 0) return form.fail(found);
    form.clear();
    await addToOutbox(props.device.db, props.device.userId, "appointment.checkIn", {
      appointmentId: props.appointment.id,
      answers: {
        phone: number,
        medicationsConfirmed: medicationsConfirmed(),
        allergiesConfirmed: allergiesConfirmed(),
        changes: answerText(changes()),
        symptoms: answerText(symptoms()),
        interpreter: interpreter(),
      },
    });
    await draft.clear();
    setSent(true);
    announce(online() ? t("appointments.checkIn.sent") : t("appointments.checkIn.sentOffline"));
  });

  return (
    <Page title={t("appointments.checkIn.title")} hasErrors={form.failed()}>
      <p>{t("appointments.checkIn.intro", { when: formatWhenInFull(props.appointment.start) })}</p>
      <Show when={open()} fallback={<p>{t("appointments.checkIn.closed")}</p>}>
        <Show
          when={!sent()}
          fallback={
            <StatusBanner
              tone="success"
              title={
                online() ? t("appointments.checkIn.sent") : t("appointments.checkIn.sentOffline")
              }
            />
          }
        >
          <DraftKeptNotice
            text={restored() ? t("appointments.draft.checkInRestored") : undefined}
          />
          <FormSummary form={form} />
          <form class="form" novalidate onSubmit={submit}>
            <h2>{t("appointments.checkIn.contactHeading")}</h2>
            <TextField
              id="phone"
              name="phone"
              type="tel"
              autocomplete="tel"
              label={t("appointments.checkIn.phoneLabel")}
              error={errorOf("phone")}
              value={phone()}
              onInput={kept(setPhone)}
            />
            <h2>{t("appointments.checkIn.medicationsHeading")}</h2>
            <RecordList
              items={lists()?.medications}
              empty={t("appointments.checkIn.noMedications")}
            />
            <Checkbox
              id="medications-confirmed"
              label={t("appointments.checkIn.medicationsConfirmed")}
              checked={medicationsConfirmed()}
              onChange={kept(setMedicationsConfirmed)}
            />
            <h2>{t("appointments.checkIn.allergiesHeading")}</h2>
            <RecordList items={lists()?.allergies} empty={t("appointments.checkIn.noAllergies")} />
            <Checkbox
              id="allergies-confirmed"
              label={t("appointments.checkIn.allergiesConfirmed")}
              checked={allergiesConfirmed()}
              onChange={kept(setAllergiesConfirmed)}
            />
            <TextArea
              id="changes"
              name="changes"
              label={t("appointments.checkIn.changesLabel")}
              hint={t("appointments.checkIn.changesHint")}
              error={errorOf("changes")}
              value={changes()}
              onInput={kept(setChanges)}
              rows={3}
            />
            <h2>{t("appointments.checkIn.questionsHeading")}</h2>
            <TextArea
              id="symptoms"
              name="symptoms"
              label={t("appointments.checkIn.symptomsLabel")}
              error={errorOf("symptoms")}
              value={symptoms()}
              onInput={kept(setSymptoms)}
              rows={3}
            />
            <Checkbox
              id="interpreter"
              label={t("appointments.checkIn.interpreter")}
              checked={interpreter()}
              onChange={kept(setInterpreter)}
            />
            <Button variant="primary" type="submit">
              {t("appointments.checkIn.submit")}
            </Button>
          </form>
        </Show>
      </Show>
      <p>
        <a href={`/appointments/${encodeURIComponent(props.appointment.id)}`}>
          {t("appointments.detail.back")}
        </a>
      </p>
    </Page>
  );
}

/** The check-in's answers as typed so far (local/drafts.ts). */
interface CheckInDraft {
  phone: string;
  medicationsConfirmed: boolean;
  allergiesConfirmed: boolean;
  changes: string;
  symptoms: string;
  interpreter: boolean;
}

function RecordList(props: { items: string[] | undefined; empty: string }) {
  return (
    <Show when={(props.items?.length ?? 0) > 0} fallback={<p>{props.empty}</p>}>
      <ul>
        <For each={props.items}>{(item) => <li>{item}</li>}</For>
      </ul>
    </Show>
  );
}

function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div class="field field--checkbox">
      <input
        class="field__checkbox"
        type="checkbox"
        id={props.id}
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label class="field__label" for={props.id}>
        {props.label}
      </label>
    </div>
  );
}

/** An optional answer of only spaces and invisible characters is no answer (the server refuses it). */
function answerText(value: string): string {
  return isBlankText(value) ? "" : value.trim();
}
