import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type { AppointmentMutationArgs, FreeSlot } from "../../../shared/contracts/appointments.ts";
import { t } from "../../i18n/i18n.ts";
import { online } from "../../local/connectivity.ts";
import { addToOutbox, dismissRejected } from "../../local/outbox.ts";
import type { UserDatabase } from "../../local/user-database.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { announce } from "../../ui/live-region.tsx";
import { formatWhenInFull } from "./appointment-time.ts";
import type { AppointmentView } from "./appointment-view.ts";
import { fetchNearestSlots } from "./appointments-api.ts";
import { ChoiceGroup } from "./choice-group.tsx";
import type { PendingChange } from "./device-appointments.ts";

/** Words for a change still in the outbox, with the time it is about. */
export function describeChange(change: PendingChange, appointments: AppointmentView[]): string {
  const startOf = (id: string) => appointments.find((a) => a.id === id)?.start;
  const when = (start: string | undefined) =>
    start ? formatWhenInFull(start) : t("appointments.requests.unknownTime");
  switch (change.name) {
    case "appointment.book":
      return t("appointments.requests.book", { when: when(change.args.start) });
    case "appointment.cancel":
      return t("appointments.requests.cancel", { when: when(startOf(change.args.appointmentId)) });
    case "appointment.reschedule":
      return t("appointments.requests.reschedule", { when: when(change.args.start) });
    case "appointment.checkIn":
      return t("appointments.requests.checkIn", {
        when: when(startOf(change.args.appointmentId)),
      });
  }
}

/**
 * Requests still waiting for the server: shown as requests, not facts (ADR 17). Offline they
 * say they will be confirmed once back online.
 */
export function WaitingRequests(props: {
  changes: PendingChange[];
  appointments: AppointmentView[];
}) {
  return (
    <section aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t("appointments.requests.heading")}</h2>
      <ul class="appointment-list">
        <For each={props.changes}>
          {(change) => (
            <li>
              <p>{describeChange(change, props.appointments)}</p>
              <p>
                <strong>
                  {online()
                    ? t("appointments.requests.sending")
                    : t("appointments.requests.offline")}
                </strong>
              </p>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

/**
 * Requests the server refused, each with its code and what to do. A booking refused because
 * the slot was taken (APPT-101) offers the nearest free times of the same kind, fetched now.
 */
export function RefusedRequests(props: {
  db: UserDatabase;
  userId: string;
  changes: PendingChange[];
  appointments: AppointmentView[];
  onRebooked?: (request: Rebooked) => void;
}) {
  return (
    <section aria-labelledby="refused-heading">
      <h2 id="refused-heading">{t("appointments.refused.heading")}</h2>
      <ul class="appointment-list">
        <For each={props.changes}>
          {(change) => (
            <li>
              <p id={`refused-${change.id}`}>{describeChange(change, props.appointments)}</p>
              <Show when={change.code}>{(code) => <ErrorExplanation code={code()} />}</Show>
              <Show when={takenBooking(change)}>
                {(booking) => (
                  <NearestFreeTimes
                    db={props.db}
                    userId={props.userId}
                    seq={change.seq as number}
                    booking={booking()}
                    onRebooked={props.onRebooked}
                  />
                )}
              </Show>
              <Button
                aria-describedby={`refused-${change.id}`}
                onClick={() => {
                  if (change.seq !== undefined) void dismissRejected(props.db, change.seq);
                }}
              >
                {t("appointments.refused.dismiss")}
              </Button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}

function takenBooking(change: PendingChange) {
  if (change.code !== "APPT-101") return undefined;
  if (change.name === "appointment.book") return change.args;
  return undefined;
}

/** A new request made in place of a refused one. */
export interface Rebooked {
  mutationId: string;
  appointmentId: string;
  start: string;
}

/** The nearest free times to the one taken; choosing one queues a new request and clears this. */
function NearestFreeTimes(props: {
  db: UserDatabase;
  userId: string;
  seq: number;
  booking: AppointmentMutationArgs["appointment.book"];
  onRebooked?: ((request: Rebooked) => void) | undefined;
}) {
  const [nearest] = createResource(
    () => (online() ? props.booking : undefined),
    async (booking) => {
      const result = await fetchNearestSlots(booking.scheduleId, booking.visitType, booking.start);
      return result.ok ? result.data.slots : [];
    },
  );
  const [chosen, setChosen] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const groupId = () => `nearest-${props.seq}`;
  const request = async (slots: FreeSlot[]) => {
    const slot = slots.find((s) => s.start === chosen());
    if (!slot) {
      setError(t("appointments.refused.chooseOne"));
      document.getElementById(groupId())?.focus();
      return;
    }
    const appointmentId = crypto.randomUUID();
    const entry = await addToOutbox(props.db, props.userId, "appointment.book", {
      id: appointmentId,
      scheduleId: slot.scheduleId,
      start: slot.start,
      visitType: slot.visitType,
      reason: props.booking.reason,
    });
    await dismissRejected(props.db, props.seq);
    props.onRebooked?.({ mutationId: entry.id, appointmentId, start: slot.start });
    announce(t("appointments.requests.book", { when: formatWhenInFull(slot.start) }));
  };
  return (
    <div>
      <p>{t("appointments.refused.taken", { when: formatWhenInFull(props.booking.start) })}</p>
      <Switch>
        <Match when={!online()}>
          <p>{t("appointments.refused.needOnline")}</p>
        </Match>
        <Match when={nearest.loading}>
          <p>{t("appointments.refused.loadingNearest")}</p>
        </Match>
        <Match when={nearest()?.length === 0}>
          <p>{t("appointments.refused.noneNear")}</p>
          <p>
            <a href="/appointments/book">{t("appointments.bookLink")}</a>
          </p>
        </Match>
        <Match when={nearest()}>
          {(slots) => (
            <form
              class="form"
              novalidate
              onSubmit={(event) => {
                event.preventDefault();
                void request(slots());
              }}
            >
              <ChoiceGroup
                id={groupId()}
                name={groupId()}
                legend={t("appointments.refused.nearestLegend")}
                error={error()}
                choices={slots().map((slot) => ({
                  value: slot.start,
                  label: formatWhenInFull(slot.start),
                }))}
                value={chosen()}
                onChange={(value) => {
                  setChosen(value);
                  setError(undefined);
                }}
              />
              <Button variant="primary" type="submit">
                {t("appointments.refused.bookThis")}
              </Button>
            </form>
          )}
        </Match>
      </Switch>
    </div>
  );
}
