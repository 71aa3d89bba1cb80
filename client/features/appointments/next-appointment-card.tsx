import { createSignal, onMount, Show } from "solid-js";
import { loadNamespaces, t } from "../../i18n/i18n.ts";
import { currentUser } from "../../local/session.ts";
import { formatWhenInFull } from "./appointment-time.ts";
import { isUpcoming } from "./appointment-view.ts";
import { createDeviceAppointments } from "./device-appointments.ts";

/**
 * The home page's appointments line (one `<li>` of "What needs attention"): the next visit,
 * read from the device so it is right offline, and the way to the appointments pages. Loads
 * its own words: the home page does not ask for them.
 */
export function NextAppointmentCard() {
  const [ready, setReady] = createSignal(false);
  onMount(() => void loadNamespaces(["appointments"]).then(() => setReady(true)));
  return (
    <Show when={ready() && currentUser()?.role === "patient"}>
      <Line />
    </Show>
  );
}

function Line() {
  const device = createDeviceAppointments();
  const next = () =>
    (device()?.appointments ?? [])
      .filter((a) => isUpcoming(a, new Date()))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
  return (
    <Show when={device()}>
      <li>
        <Show when={next()} fallback={t("appointments.card.none")}>
          {(a) => (
            <>
              {t("appointments.card.heading")}:{" "}
              <a href={`/appointments/${encodeURIComponent(a().id)}`}>
                {t("appointments.card.next", {
                  when: formatWhenInFull(a().start),
                  type: t(`appointments.visitTypes.${a().visitType}`),
                  practitioner: a().practitioner,
                })}
              </a>
            </>
          )}
        </Show>{" "}
        <a href="/appointments">{t("appointments.card.link")}</a>
      </li>
    </Show>
  );
}
