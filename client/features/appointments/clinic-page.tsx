import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import type {
  CheckInAnswers,
  ClinicianAppointment,
} from "../../../shared/contracts/appointments.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { ErrorExplanation } from "../../ui/error-explanation.tsx";
import { Page } from "../../ui/page.tsx";
import { formatDay, formatRange, localDayKey } from "./appointment-time.ts";
import { fetchClinicianAppointments } from "./appointments-api.ts";
import "./appointments.css";

type View = "day" | "week";

/** Midnight of the device's day `date` falls in. */
function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** Monday of the week `date` falls in (ISO weeks). */
function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  const offset = (day.getDay() + 6) % 7;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() - offset);
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/**
 * The clinician's appointments (/clinic/appointments), a day or a week at a time, with each
 * patient's check-in answers. Read from the server (their own schedule only); staff keep no
 * patient data on their devices, so this page needs the network and says so when it has none.
 */
export default function ClinicPage() {
  const [view, setView] = createSignal<View>("day");
  const [anchor, setAnchor] = createSignal(startOfDay(new Date()));
  const range = () => {
    const from = view() === "day" ? anchor() : startOfWeek(anchor());
    return { from, to: addDays(from, view() === "day" ? 1 : 7) };
  };
  const [list] = createResource(range, ({ from, to }) => fetchClinicianAppointments(from, to));
  const move = (direction: 1 | -1) =>
    setAnchor(addDays(anchor(), direction * (view() === "day" ? 1 : 7)));
  const byDay = () => {
    const result = list();
    if (!result?.ok) return [];
    const days = new Map<string, ClinicianAppointment[]>();
    for (const appointment of result.data.appointments) {
      const key = localDayKey(appointment.start);
      days.set(key, [...(days.get(key) ?? []), appointment]);
    }
    return [...days.values()];
  };
  const heading = () =>
    view() === "day"
      ? t("appointments.clinic.rangeDay", { day: formatDay(range().from) })
      : t("appointments.clinic.rangeWeek", { day: formatDay(range().from) });

  return (
    <Page title={t("appointments.clinic.title")}>
      <p>
        <a href="/clinic/availability">{t("appointments.clinic.availabilityLink")}</a>
      </p>
      <fieldset class="choice-group">
        <legend class="choice-group__legend">{t("appointments.clinic.viewLegend")}</legend>
        <div class="button-row">
          <Button aria-pressed={view() === "day" ? "true" : "false"} onClick={() => setView("day")}>
            {t("appointments.clinic.dayView")}
          </Button>
          <Button
            aria-pressed={view() === "week" ? "true" : "false"}
            onClick={() => setView("week")}
          >
            {t("appointments.clinic.weekView")}
          </Button>
        </div>
      </fieldset>
      <div class="button-row">
        <Button onClick={() => move(-1)}>{t("appointments.clinic.previous")}</Button>
        <Button onClick={() => setAnchor(startOfDay(new Date()))}>
          {t("appointments.clinic.today")}
        </Button>
        <Button onClick={() => move(1)}>{t("appointments.clinic.next")}</Button>
      </div>
      <h2 aria-live="polite">{heading()}</h2>
      <Switch>
        <Match when={list.loading}>
          <p>{t("appointments.clinic.loading")}</p>
        </Match>
        <Match when={list() && !list()?.ok && list()}>
          {(failed) => {
            const result = failed();
            return result.ok ? null : <ErrorExplanation code={result.code} />;
          }}
        </Match>
        <Match when={byDay().length === 0}>
          <p>{t("appointments.clinic.none")}</p>
        </Match>
        <Match when={true}>
          <For each={byDay()}>
            {(day) => (
              <section class="clinic-day">
                <Show when={view() === "week"}>
                  <h3>{formatDay(day[0]?.start ?? "")}</h3>
                </Show>
                <ul class="appointment-list">
                  <For each={day}>
                    {(appointment) => <ClinicAppointment appointment={appointment} />}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </Match>
      </Switch>
    </Page>
  );
}

function ClinicAppointment(props: { appointment: ClinicianAppointment }) {
  const a = () => props.appointment;
  return (
    <li>
      <p>
        <strong>{formatRange(a().start, a().end)}</strong>
        {" — "}
        {a().patientName ?? ""}
      </p>
      <p>
        {t(`appointments.visitTypes.${a().visitType}`)}
        {", "}
        {t(`appointments.statuses.${a().status}`)}
      </p>
      <p>
        {t("appointments.clinic.reason")}: {a().reason}
      </p>
      <Show when={a().checkIn} fallback={<p>{t("appointments.clinic.noCheckIn")}</p>}>
        {(answers) => <CheckInFacts answers={answers()} />}
      </Show>
    </li>
  );
}

function CheckInFacts(props: { answers: CheckInAnswers }) {
  const confirmed = (yes: boolean) =>
    yes ? t("appointments.clinic.confirmedRight") : t("appointments.clinic.notConfirmed");
  return (
    <details>
      <summary>{t("appointments.clinic.checkInHeading")}</summary>
      <dl class="appointment-facts">
        <dt>{t("appointments.clinic.phone")}</dt>
        <dd>{props.answers.phone}</dd>
        <dt>{t("appointments.clinic.medications")}</dt>
        <dd>{confirmed(props.answers.medicationsConfirmed)}</dd>
        <dt>{t("appointments.clinic.allergies")}</dt>
        <dd>{confirmed(props.answers.allergiesConfirmed)}</dd>
        <dt>{t("appointments.clinic.changes")}</dt>
        <dd>{props.answers.changes || "—"}</dd>
        <dt>{t("appointments.clinic.symptoms")}</dt>
        <dd>{props.answers.symptoms || "—"}</dd>
        <dt>{t("appointments.clinic.interpreter")}</dt>
        <dd>
          {props.answers.interpreter ? t("appointments.clinic.yes") : t("appointments.clinic.no")}
        </dd>
      </dl>
    </details>
  );
}
