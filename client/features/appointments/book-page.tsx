import { useSearchParams } from "@solidjs/router";
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
} from "solid-js";
import {
  type FreeSlot,
  reasonMaxLength,
  type VisitType,
  visitTypes,
} from "../../../shared/contracts/appointments.ts";
import { textProblem } from "../../../shared/contracts/free-text.ts";
import { t } from "../../i18n/i18n.ts";
import { createDraft, type Draft } from "../../local/drafts.ts";
import { addToOutbox } from "../../local/outbox.ts";
import { Button } from "../../ui/button.tsx";
import { DraftKeptNotice } from "../../ui/draft-kept-notice.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { TextArea } from "../../ui/text-area.tsx";
import { formatDay, formatWhenInFull, localDayKey } from "./appointment-time.ts";
import { createFreeSlots, createPractitioners } from "./booking-options.ts";
import { BookingOutcome } from "./booking-outcome.tsx";
import { ChoiceGroup } from "./choice-group.tsx";
import { createDeviceAppointments } from "./device-appointments.ts";
import "./appointments.css";

type Step = "kind" | "time" | "reason" | "review" | "done";

/**
 * The booking wizard (/appointments/book; ?reschedule=<id> to move a visit). Kind of visit
 * and clinician, then a date (a list of days with free times) and a time (radios whose names
 * say the whole date and time — no calendar grid), the reason, and a summary to check before
 * confirming (WCAG 3.3.4). Confirming queues a request in the outbox: online the clinic
 * answers at once, offline when the device is back.
 */
export default function BookPage() {
  const [params] = useSearchParams();
  const rescheduleId = typeof params.reschedule === "string" ? params.reschedule : undefined;
  const device = createDeviceAppointments();
  const db = () => device()?.db;
  const moving = () => device()?.appointments.find((a) => a.id === rescheduleId);
  const steps = (): Step[] =>
    rescheduleId ? ["time", "review"] : ["kind", "time", "reason", "review"];

  const [step, setStep] = createSignal<Step>(rescheduleId ? "time" : "kind");
  const [visitType, setVisitType] = createSignal<VisitType>();
  const [scheduleId, setScheduleId] = createSignal<string>();
  const [day, setDay] = createSignal<string>();
  const [start, setStart] = createSignal<string>();
  const [reason, setReason] = createSignal("");
  const form = createFormState();
  const [sent, setSent] = createSignal<{ mutationId: string; appointmentId: string }>();

  // The booking in progress is kept as it is made, so an idle sign-out does not lose it
  // (ADR 29); found again when the page opens, once the device's database is open.
  const [restored, setRestored] = createSignal(false);
  let draft: Draft<BookingDraft> | undefined;
  createEffect(
    on(db, async (open) => {
      if (!open || draft) return;
      const opened = createDraft<BookingDraft>(open, `booking:${rescheduleId ?? "new"}`);
      const saved = await opened.load();
      if (saved && saved.step !== "done" && steps().includes(saved.step)) {
        setVisitType(saved.visitType);
        setScheduleId(saved.scheduleId);
        setDay(saved.day);
        setStart(saved.start);
        setReason(saved.reason);
        setStep(saved.step);
        setRestored(true);
      }
      draft = opened;
    }),
  );
  createEffect(() => {
    const now: BookingDraft = {
      step: step(),
      visitType: visitType(),
      scheduleId: scheduleId(),
      day: day(),
      start: start(),
      reason: reason(),
    };
    if (!draft) return;
    if (now.step === "done") return void draft.clear();
    draft.save(now, now.step === steps()[0] && !now.visitType && !now.start && !now.reason);
  });
  onCleanup(() => void draft?.flush());

  const practitioners = createPractitioners(db);
  const chosenType = () => (rescheduleId ? moving()?.visitType : visitType());
  const chosenSchedule = () => (rescheduleId ? moving()?.scheduleId : scheduleId());
  const slotChoice = createMemo(() => {
    const open = db();
    const type = chosenType();
    const schedule = chosenSchedule();
    if (!open || !type || !schedule || (step() !== "time" && step() !== "review")) return undefined;
    return { db: open, scheduleId: schedule, visitType: type };
  });
  const slots = createFreeSlots(slotChoice);
  const offering = () =>
    (practitioners()?.data ?? []).filter(
      (p) => !visitType() || p.visitTypes.includes(visitType() as VisitType),
    );
  const practitionerName = () =>
    rescheduleId
      ? moving()?.practitioner
      : practitioners()?.data.find((p) => p.scheduleId === scheduleId())?.name;
  const days = createMemo(() => {
    const byDay = new Map<string, FreeSlot[]>();
    for (const slot of slots()?.data ?? []) {
      const key = localDayKey(slot.start);
      byDay.set(key, [...(byDay.get(key) ?? []), slot]);
    }
    return [...byDay.entries()].map(([key, list]) => ({ key, slots: list }));
  });
  const slotsOfDay = () => days().find((d) => d.key === (day() ?? days()[0]?.key))?.slots ?? [];
  const chosenSlot = () => (slots()?.data ?? []).find((s) => s.start === start());

  /** True when nothing was found; else the problems are shown. */
  const fail = (found: FieldFailure[]) => {
    if (found.length === 0) return true;
    form.fail(found);
    return false;
  };
  const go = (next: Step) => {
    form.clear();
    setRestored(false);
    setStep(next);
  };
  const stepNumber = () => steps().indexOf(step()) + 1;
  const nextAfter = (current: Step): Step => {
    const list = steps();
    return list[list.indexOf(current) + 1] ?? "review";
  };
  const previous = () => {
    const list = steps();
    const before = list[list.indexOf(step()) - 1];
    if (before) go(before);
  };

  const continueFromKind = () => {
    const found: FieldFailure[] = [];
    if (!visitType())
      found.push({ fieldId: "visit-type", text: () => t("appointments.book.chooseVisitType") });
    else if (!offering().some((p) => p.scheduleId === scheduleId())) {
      found.push({
        fieldId: "practitioner",
        text: () => t("appointments.book.choosePractitioner"),
      });
    }
    if (fail(found)) go(nextAfter("kind"));
  };
  const continueFromTime = () => {
    const found = chosenSlot()
      ? []
      : [{ fieldId: "time", text: () => t("appointments.book.chooseTime") }];
    if (fail(found)) {
      go(nextAfter("time"));
    }
  };
  /** What is wrong with the reason as typed, its words read when shown. */
  const reasonError = (): (() => string) | undefined => {
    const text = reason().trim();
    // The server's rule (shared/contracts/free-text.ts): invisible characters alone are empty.
    const problem = textProblem(text);
    if (problem === "control") return () => t("errors.REQ-307.message");
    if (problem === "blank") return () => t("appointments.book.reasonRequired");
    if (text.length > reasonMaxLength)
      return () => t("appointments.book.reasonTooLong", { max: reasonMaxLength });
    return undefined;
  };
  const continueFromReason = () => {
    const problem = reasonError();
    if (fail(problem ? [{ fieldId: "reason", text: problem }] : [])) go("review");
  };
  const confirm = async () => {
    const open = device();
    const slot = chosenSlot();
    if (!open || !slot) return;
    const appointmentId = crypto.randomUUID();
    const entry = rescheduleId
      ? await addToOutbox(open.db, open.userId, "appointment.reschedule", {
          appointmentId: rescheduleId,
          newId: appointmentId,
          start: slot.start,
        })
      : await addToOutbox(open.db, open.userId, "appointment.book", {
          id: appointmentId,
          scheduleId: slot.scheduleId,
          start: slot.start,
          visitType: slot.visitType,
          reason: reason().trim(),
        });
    setSent({ mutationId: entry.id, appointmentId });
    go("done");
    announce(t("appointments.book.doneTitle"));
  };

  const title = () => {
    const s = step();
    if (s === "kind") return t("appointments.book.kindHeading");
    if (s === "time") return t("appointments.book.timeHeading");
    if (s === "reason") return t("appointments.book.reasonHeading");
    if (s === "review") return t("appointments.book.reviewHeading");
    return t("appointments.book.doneTitle");
  };

  return (
    <Show when={step()} keyed>
      {(current) => (
        <Page title={title()} hasErrors={form.failed()}>
          <Show when={current !== "done"}>
            <p class="secondary-text">
              {rescheduleId ? t("appointments.book.rescheduleTitle") : t("appointments.book.title")}
              {" — "}
              {t("appointments.book.stepOf", { step: stepNumber(), total: steps().length })}
            </p>
          </Show>
          <FormSummary form={form} />
          <Show when={current !== "done"}>
            <DraftKeptNotice
              text={restored() ? t("appointments.draft.bookingRestored") : undefined}
            />
          </Show>
          <Switch>
            <Match when={current === "kind"}>
              <form class="form" novalidate onSubmit={form.handleSubmit(continueFromKind)}>
                <ChoiceGroup
                  id="visit-type"
                  name="visit-type"
                  legend={t("appointments.book.visitTypeLegend")}
                  error={form.messageFor("visit-type")}
                  choices={visitTypes.map((type) => ({
                    value: type,
                    label: t(`appointments.visitTypes.${type}`),
                  }))}
                  value={visitType()}
                  onChange={(value) => setVisitType(value as VisitType)}
                />
                <Show when={visitType()}>
                  <Show
                    when={offering().length > 0}
                    fallback={<p>{t("appointments.book.noPractitioners")}</p>}
                  >
                    <ChoiceGroup
                      id="practitioner"
                      name="practitioner"
                      legend={t("appointments.book.practitionerLegend")}
                      error={form.messageFor("practitioner")}
                      choices={offering().map((p) => ({
                        value: p.scheduleId,
                        label: p.name,
                        hint: p.location,
                      }))}
                      value={scheduleId()}
                      onChange={setScheduleId}
                    />
                  </Show>
                </Show>
                <Show when={practitioners()?.problem}>
                  <p>{t("appointments.book.neverSeen")}</p>
                </Show>
                <Button variant="primary" type="submit">
                  {t("appointments.book.continue")}
                </Button>
              </form>
            </Match>
            <Match when={current === "time"}>
              <form class="form" novalidate onSubmit={form.handleSubmit(continueFromTime)}>
                <Switch>
                  <Match when={slots.loading || !slots()}>
                    <p>{t("appointments.book.loadingSlots")}</p>
                  </Match>
                  <Match when={slots()?.problem}>
                    <p>{t("appointments.book.neverSeen")}</p>
                  </Match>
                  <Match when={days().length === 0}>
                    <p>{t("appointments.book.noSlots")}</p>
                  </Match>
                  <Match when={true}>
                    <Show when={slots()?.savedAt}>
                      {(at) => (
                        <StatusBanner
                          tone="info"
                          title={t("appointments.book.savedSlots", {
                            time: formatWhenInFull(at()),
                          })}
                        />
                      )}
                    </Show>
                    <div class="field">
                      <label class="field__label" for="day">
                        {t("appointments.book.dateLabel")}
                      </label>
                      <div class="field__hint" id="day-hint">
                        {t("appointments.book.dateHint")}
                      </div>
                      <select
                        class="appointment-select"
                        id="day"
                        aria-describedby="day-hint"
                        value={day() ?? days()[0]?.key}
                        onChange={(event) => {
                          setDay(event.currentTarget.value);
                          setStart(undefined);
                        }}
                      >
                        <For each={days()}>
                          {(d) => (
                            <option value={d.key}>
                              {t("appointments.book.dateOption", {
                                day: formatDay(d.slots[0]?.start ?? ""),
                                count: d.slots.length,
                              })}
                            </option>
                          )}
                        </For>
                      </select>
                    </div>
                    <ChoiceGroup
                      id="time"
                      name="time"
                      legend={t("appointments.book.timesLegend", {
                        day: formatDay(slotsOfDay()[0]?.start ?? new Date()),
                      })}
                      error={form.messageFor("time")}
                      choices={slotsOfDay().map((slot) => ({
                        value: slot.start,
                        label: formatWhenInFull(slot.start),
                      }))}
                      value={start()}
                      onChange={setStart}
                    />
                  </Match>
                </Switch>
                <div class="button-row">
                  <Show when={stepNumber() > 1}>
                    <Button onClick={previous}>{t("appointments.book.back")}</Button>
                  </Show>
                  <Button variant="primary" type="submit">
                    {t("appointments.book.continue")}
                  </Button>
                </div>
              </form>
            </Match>
            <Match when={current === "reason"}>
              <form class="form" novalidate onSubmit={form.handleSubmit(continueFromReason)}>
                <TextArea
                  id="reason"
                  name="reason"
                  label={t("appointments.book.reasonLabel")}
                  hint={t("appointments.book.reasonHint", { max: reasonMaxLength })}
                  error={form.messageFor("reason")}
                  value={reason()}
                  onInput={setReason}
                  rows={4}
                />
                <div class="button-row">
                  <Button onClick={previous}>{t("appointments.book.back")}</Button>
                  <Button variant="primary" type="submit">
                    {t("appointments.book.continue")}
                  </Button>
                </div>
              </form>
            </Match>
            <Match when={current === "review"}>
              <p>{t("appointments.book.reviewIntro")}</p>
              <dl class="appointment-facts">
                <dt>{t("appointments.detail.type")}</dt>
                <dd>
                  {chosenType() ? t(`appointments.visitTypes.${chosenType() as VisitType}`) : ""}
                </dd>
                <dt>{t("appointments.detail.who")}</dt>
                <dd>{practitionerName()}</dd>
                <dt>{t("appointments.detail.when")}</dt>
                <dd>{start() ? formatWhenInFull(start() as string) : ""}</dd>
                <Show when={!rescheduleId}>
                  <dt>{t("appointments.detail.reason")}</dt>
                  <dd>{reason().trim()}</dd>
                </Show>
              </dl>
              <div class="button-row">
                <Show when={!rescheduleId}>
                  <Button onClick={() => go("kind")}>
                    {t("appointments.book.changeWhat", { what: t("appointments.detail.who") })}
                  </Button>
                </Show>
                <Button onClick={() => go("time")}>
                  {t("appointments.book.changeWhat", { what: t("appointments.detail.when") })}
                </Button>
                <Show when={!rescheduleId}>
                  <Button onClick={() => go("reason")}>
                    {t("appointments.book.changeWhat", { what: t("appointments.detail.reason") })}
                  </Button>
                </Show>
              </div>
              <p>
                <Button variant="primary" onClick={() => void confirm()}>
                  {rescheduleId
                    ? t("appointments.book.confirmReschedule")
                    : t("appointments.book.confirm")}
                </Button>
              </p>
            </Match>
            <Match when={current === "done" && sent()}>
              {(request) => (
                <Show when={device()}>
                  {(held) => (
                    <BookingOutcome
                      device={held()}
                      mutationId={request().mutationId}
                      appointmentId={request().appointmentId}
                      start={start() ?? ""}
                    />
                  )}
                </Show>
              )}
            </Match>
          </Switch>
          <Show when={current !== "done"}>
            <p>
              <a href="/appointments">{t("appointments.detail.back")}</a>
            </p>
          </Show>
        </Page>
      )}
    </Show>
  );
}

/** The wizard's choices so far (local/drafts.ts). */
interface BookingDraft {
  step: Step;
  visitType: VisitType | undefined;
  scheduleId: string | undefined;
  day: string | undefined;
  start: string | undefined;
  reason: string;
}
