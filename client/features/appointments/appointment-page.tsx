import { createSignal, Match, Show, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { addToOutbox } from "../../local/outbox.ts";
import { Button } from "../../ui/button.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { formatDay, formatRange, formatWhenInFull } from "./appointment-time.ts";
import {
  type AppointmentView,
  canChangeOnline,
  checkInOpen,
  isUpcoming,
} from "./appointment-view.ts";
import { createDeviceAppointments, type DeviceAppointments } from "./device-appointments.ts";
import { downloadIcs } from "./ics.ts";
import "./appointments.css";

/**
 * One appointment (/appointments/:id), from the device: when (in the person's zone and
 * language), who, where, what to bring; add to calendar; check in; change or cancel until
 * the cut-off, after which the clinic's number to call.
 */
export default function AppointmentPage(props: { id: string }) {
  const device = createDeviceAppointments();
  const appointment = () => device()?.appointments.find((a) => a.id === props.id);
  return (
    <Show
      when={device()}
      fallback={
        <Page title={t("appointments.title")}>
          <p>{t("appointments.loading")}</p>
        </Page>
      }
    >
      {(held) => (
        <Show
          when={appointment()}
          fallback={
            <Page title={t("appointments.title")}>
              <p>{t("appointments.detail.notFound")}</p>
              <p>
                <a href="/appointments">{t("appointments.detail.back")}</a>
              </p>
            </Page>
          }
        >
          {(found) => <Details appointment={found()} device={held()} />}
        </Show>
      )}
    </Show>
  );
}

function Details(props: { appointment: AppointmentView; device: DeviceAppointments }) {
  const a = () => props.appointment;
  const now = new Date();
  const cancelPending = () =>
    props.device.changes.some(
      (c) =>
        c.state === "pending" &&
        (c.name === "appointment.cancel" || c.name === "appointment.reschedule") &&
        c.args.appointmentId === a().id,
    );
  const checkInPending = () =>
    props.device.changes.some(
      (c) =>
        c.state === "pending" &&
        c.name === "appointment.checkIn" &&
        c.args.appointmentId === a().id,
    );
  const addToCalendar = () =>
    downloadIcs(
      {
        uid: a().id,
        start: a().start,
        end: a().end,
        summary: t("appointments.detail.calendarSummary", { practitioner: a().practitioner }),
        description: a().reason,
        location: a().visitType === "video" ? t("appointments.detail.videoWhere") : a().location,
        stamp: new Date(),
      },
      `appointment-${a().start.slice(0, 10)}.ics`,
    );

  return (
    <Page title={t("appointments.detail.title", { date: formatDay(a().start) })}>
      <dl class="appointment-facts">
        <dt>{t("appointments.detail.when")}</dt>
        <dd>
          {formatWhenInFull(a().start)} ({formatRange(a().start, a().end)})
        </dd>
        <dt>{t("appointments.detail.who")}</dt>
        <dd>{a().practitioner}</dd>
        <dt>{t("appointments.detail.type")}</dt>
        <dd>{t(`appointments.visitTypes.${a().visitType}`)}</dd>
        <dt>{t("appointments.detail.where")}</dt>
        <dd>{a().visitType === "video" ? t("appointments.detail.videoWhere") : a().location}</dd>
        <dt>{t("appointments.detail.reason")}</dt>
        <dd>{a().reason}</dd>
        <dt>{t("appointments.detail.status")}</dt>
        <dd>{t(`appointments.statuses.${a().status}`)}</dd>
        <Show when={isUpcoming(a(), now)}>
          <dt>{t("appointments.detail.bring")}</dt>
          <dd>
            {a().visitType === "video"
              ? t("appointments.detail.bringVideo")
              : t("appointments.detail.bringInPerson")}
          </dd>
        </Show>
      </dl>
      <Show when={isUpcoming(a(), now)}>
        <p>
          <Button onClick={addToCalendar}>{t("appointments.detail.addToCalendar")}</Button>
        </p>
        <Switch>
          <Match when={a().status === "checked-in"}>
            <p>{t("appointments.detail.checkedIn")}</p>
          </Match>
          <Match when={checkInPending()}>
            <p>{t("appointments.checkIn.sentOffline")}</p>
          </Match>
          <Match when={checkInOpen(a(), now)}>
            <p>
              <a href={`/appointments/${encodeURIComponent(a().id)}/check-in`}>
                {t("appointments.detail.checkInLink")}
              </a>
            </p>
          </Match>
        </Switch>
        <h2>{t("appointments.detail.changeHeading")}</h2>
        <Switch>
          <Match when={cancelPending()}>
            <p role="status">{t("appointments.detail.cancelRequested")}</p>
          </Match>
          <Match when={canChangeOnline(a(), now)}>
            <ChangeOrCancel appointment={a()} device={props.device} />
          </Match>
          <Match when={true}>
            <p>{t("appointments.detail.callToChange", { phone: a().phone })}</p>
            <p>
              <a href={`tel:${a().phone.replace(/[^\d+]/g, "")}`}>
                {t("appointments.detail.callLink", { phone: a().phone })}
              </a>
            </p>
          </Match>
        </Switch>
      </Show>
      <p>
        <a href="/appointments">{t("appointments.detail.back")}</a>
      </p>
    </Page>
  );
}

function ChangeOrCancel(props: { appointment: AppointmentView; device: DeviceAppointments }) {
  const [confirming, setConfirming] = createSignal(false);
  const cancel = async () => {
    await addToOutbox(props.device.db, props.device.userId, "appointment.cancel", {
      appointmentId: props.appointment.id,
    });
    announce(t("appointments.detail.cancelRequested"));
  };
  return (
    <>
      <p>
        {t("appointments.detail.changeHint", {
          deadline: formatWhenInFull(props.appointment.changeDeadline),
        })}
      </p>
      <Show
        when={confirming()}
        fallback={
          <div class="button-row">
            <a
              class="button button--secondary"
              href={`/appointments/book?reschedule=${encodeURIComponent(props.appointment.id)}`}
            >
              {t("appointments.detail.reschedule")}
            </a>
            <Button onClick={() => setConfirming(true)}>{t("appointments.detail.cancel")}</Button>
          </div>
        }
      >
        <p tabIndex={-1} ref={(el) => queueMicrotask(() => el.focus())}>
          {t("appointments.detail.cancelConfirm", {
            when: formatWhenInFull(props.appointment.start),
          })}
        </p>
        <div class="button-row">
          <Button variant="primary" onClick={() => void cancel()}>
            {t("appointments.detail.cancelYes")}
          </Button>
          <Button onClick={() => setConfirming(false)}>{t("appointments.detail.cancelNo")}</Button>
        </div>
      </Show>
    </>
  );
}
