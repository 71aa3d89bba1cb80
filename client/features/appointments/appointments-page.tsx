import { For, Show } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Page } from "../../ui/page.tsx";
import { formatWhenInFull, timeZoneName } from "./appointment-time.ts";
import { type AppointmentView, isUpcoming } from "./appointment-view.ts";
import { createDeviceAppointments } from "./device-appointments.ts";
import { RefusedRequests, WaitingRequests } from "./pending-changes.tsx";
import "./appointments.css";

/**
 * Appointments (/appointments): upcoming and past visits, read from the device (Dexie), so the
 * list is there offline; requests not yet confirmed, and those the clinic could not accept
 * with what to do next.
 */
export default function AppointmentsPage() {
  const device = createDeviceAppointments();
  const now = new Date();
  const upcoming = () =>
    (device()?.appointments ?? [])
      .filter((a) => isUpcoming(a, now))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const past = () =>
    (device()?.appointments ?? [])
      .filter((a) => !isUpcoming(a, now))
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
  const waiting = () => (device()?.changes ?? []).filter((c) => c.state === "pending");
  const refused = () => (device()?.changes ?? []).filter((c) => c.state === "rejected");

  return (
    <Page title={t("appointments.title")}>
      <p>{t("appointments.intro", { zone: timeZoneName() })}</p>
      <p>
        <a class="button button--primary" href="/appointments/book">
          {t("appointments.bookLink")}
        </a>
      </p>
      <Show when={device()} fallback={<p>{t("appointments.loading")}</p>}>
        {(held) => (
          <>
            <Show when={refused().length > 0}>
              <RefusedRequests
                db={held().db}
                userId={held().userId}
                changes={refused()}
                appointments={held().appointments}
              />
            </Show>
            <Show when={waiting().length > 0}>
              <WaitingRequests changes={waiting()} appointments={held().appointments} />
            </Show>
            <section aria-labelledby="upcoming-heading">
              <h2 id="upcoming-heading">{t("appointments.upcomingHeading")}</h2>
              <AppointmentList appointments={upcoming()} empty={t("appointments.noneUpcoming")} />
            </section>
            <section aria-labelledby="past-heading">
              <h2 id="past-heading">{t("appointments.pastHeading")}</h2>
              <AppointmentList appointments={past()} empty={t("appointments.nonePast")} />
            </section>
          </>
        )}
      </Show>
    </Page>
  );
}

function AppointmentList(props: { appointments: AppointmentView[]; empty: string }) {
  return (
    <Show when={props.appointments.length > 0} fallback={<p>{props.empty}</p>}>
      <ul class="appointment-list">
        <For each={props.appointments}>
          {(appointment) => (
            <li>
              <p>
                <a href={`/appointments/${encodeURIComponent(appointment.id)}`}>
                  {formatWhenInFull(appointment.start)}
                </a>
              </p>
              <p>
                {t("appointments.visitWith", {
                  type: t(`appointments.visitTypes.${appointment.visitType}`),
                  practitioner: appointment.practitioner,
                })}
              </p>
              <p>{t(`appointments.statuses.${appointment.status}`)}</p>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
