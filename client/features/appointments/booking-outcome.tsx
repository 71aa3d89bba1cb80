import { createEffect, createSignal, Match, on, Switch } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { announce } from "../../ui/live-region.tsx";
import { StatusBanner } from "../../ui/status-banner.tsx";
import { formatWhenInFull } from "./appointment-time.ts";
import type { DeviceAppointments } from "./device-appointments.ts";
import { type Rebooked, RefusedRequests } from "./pending-changes.tsx";

type Outcome = "confirmed" | "refused" | "waiting" | "offline";

/**
 * What became of a booking request, live from the device: confirmed once the pull brings the
 * clinic's Appointment; refused (with the nearest free times when the slot was taken); else a
 * request — "will be confirmed when you're back online" when offline. Said once per change.
 */
export function BookingOutcome(props: {
  device: DeviceAppointments;
  mutationId: string;
  appointmentId: string;
  start: string;
}) {
  // A refused request chosen again from the nearest free times is followed from then on.
  const [request, setRequest] = createSignal<Rebooked>({
    mutationId: props.mutationId,
    appointmentId: props.appointmentId,
    start: props.start,
  });
  const entry = () => props.device.changes.find((c) => c.id === request().mutationId);
  const appointment = () => props.device.appointments.find((a) => a.id === request().appointmentId);
  const outcome = (): Outcome => {
    if (appointment() && appointment()?.status !== "cancelled") return "confirmed";
    if (entry()?.state === "rejected") return "refused";
    return online() ? "waiting" : "offline";
  };
  const sentence = (o: Outcome) => {
    if (o === "confirmed")
      return t("appointments.book.doneConfirmed", { when: formatWhenInFull(request().start) });
    if (o === "refused") return t("appointments.book.refusedTitle");
    if (o === "offline") return t("appointments.book.doneOffline");
    return t("appointments.book.doneWaiting");
  };
  createEffect(on(outcome, (o) => announce(sentence(o)), { defer: true }));
  return (
    <>
      <Switch>
        <Match when={outcome() === "confirmed"}>
          <StatusBanner tone="success" title={t("appointments.book.confirmedTitle")}>
            <p>{sentence("confirmed")}</p>
            <p>
              <a href={`/appointments/${encodeURIComponent(request().appointmentId)}`}>
                {formatWhenInFull(request().start)}
              </a>
            </p>
          </StatusBanner>
        </Match>
        <Match when={outcome() === "refused" && entry()}>
          {(refused) => (
            <>
              <StatusBanner tone="warning" title={t("appointments.book.refusedTitle")} />
              <RefusedRequests
                db={props.device.db}
                userId={props.device.userId}
                changes={[refused()]}
                appointments={props.device.appointments}
                onRebooked={setRequest}
              />
            </>
          )}
        </Match>
        <Match when={true}>
          <StatusBanner tone="info" title={sentence(outcome())} />
        </Match>
      </Switch>
      <p>
        <a href="/appointments">{t("appointments.book.seeAppointments")}</a>
      </p>
    </>
  );
}
