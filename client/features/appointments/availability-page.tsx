import { createResource, createSignal, For, Index, Show } from "solid-js";
import {
  type AvailabilityOverride,
  type TemplatePeriod,
  type VisitType,
  visitTypes,
} from "../../../shared/contracts/appointments.ts";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { createFormState, type FieldFailure } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { announce } from "../../ui/live-region.tsx";
import { Page } from "../../ui/page.tsx";
import { TextField } from "../../ui/text-field.tsx";
import {
  addOverride,
  fetchAvailability,
  removeOverride,
  saveAvailability,
} from "./appointments-api.ts";
import { ChoiceGroup } from "./choice-group.tsx";
import "./appointments.css";

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const dayName = (weekday: number) => t(`appointments.weekdays.${String(weekday) as "1"}`);
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The clinician's availability editor (/clinic/availability): the weekly template (rows of
 * day, hours, kind and length, edited in a plain table of labelled inputs) and one-off changes
 * to single dates. Online only, like the clinician's list.
 */
export default function AvailabilityPage() {
  const [loaded] = createResource(fetchAvailability);
  return (
    <Page title={t("appointments.availability.title")}>
      <p>{t("appointments.availability.intro")}</p>
      <p>
        <a href="/clinic/appointments">{t("appointments.clinic.appointmentsLink")}</a>
      </p>
      <Show when={loaded()} fallback={<p>{t("appointments.clinic.loading")}</p>}>
        {(result) => {
          const current = result();
          const data = current.ok
            ? current.data
            : {
                timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
                location: "",
                phone: "",
                template: [],
                overrides: [],
              };
          return (
            <>
              <TemplateEditor initial={data} />
              <Overrides initial={data.overrides} />
            </>
          );
        }}
      </Show>
    </Page>
  );
}

function TemplateEditor(props: {
  initial: { timeZone: string; location: string; phone: string; template: TemplatePeriod[] };
}) {
  const [timeZone, setTimeZone] = createSignal(props.initial.timeZone);
  const [location, setLocation] = createSignal(props.initial.location);
  const [phone, setPhone] = createSignal(props.initial.phone);
  const [rows, setRows] = createSignal<TemplatePeriod[]>(props.initial.template);
  const update = (index: number, change: Partial<TemplatePeriod>) =>
    setRows(rows().map((row, i) => (i === index ? { ...row, ...change } : row)));

  const rowError = (index: number): FieldFailure => ({
    fieldId: `row-${index}-from`,
    text: () => t("appointments.availability.invalidRow", { row: index + 1 }),
  });
  const form = createFormState({
    fieldFailure: ({ field }) => {
      const row = /^template\.(\d+)\./.exec(field);
      if (row) return rowError(Number(row[1]));
      if (field === "timeZone")
        return { fieldId: "time-zone", text: () => t("appointments.availability.invalidTimeZone") };
      return undefined;
    },
  });
  const errorOf = (id: string) => form.messageFor(id);

  const save = form.handleSubmit(() => {
    const found: FieldFailure[] = [];
    const required = () => t("appointments.availability.required");
    if (!timeZone().trim()) found.push({ fieldId: "time-zone", text: required });
    if (!location().trim()) found.push({ fieldId: "location", text: required });
    if (!phone().trim()) found.push({ fieldId: "clinic-phone", text: required });
    rows().forEach((row, index) => {
      const valid =
        timePattern.test(row.startTime) &&
        timePattern.test(row.endTime) &&
        row.startTime < row.endTime &&
        row.slotMinutes >= 5 &&
        row.slotMinutes <= 240;
      if (!valid) found.push(rowError(index));
    });
    if (found.length > 0) return form.fail(found);
    return form.send(
      () =>
        saveAvailability({
          timeZone: timeZone().trim(),
          location: location().trim(),
          phone: phone().trim(),
          template: rows(),
        }),
      () => announce(t("appointments.availability.saved")),
    );
  });

  return (
    <form class="form" novalidate onSubmit={save}>
      <FormSummary form={form} />
      <h2>{t("appointments.availability.settingsHeading")}</h2>
      <TextField
        id="time-zone"
        name="timeZone"
        label={t("appointments.availability.timeZoneLabel")}
        hint={t("appointments.availability.timeZoneHint")}
        error={errorOf("time-zone")}
        value={timeZone()}
        onInput={setTimeZone}
        spellcheck={false}
      />
      <TextField
        id="location"
        name="location"
        label={t("appointments.availability.locationLabel")}
        error={errorOf("location")}
        value={location()}
        onInput={setLocation}
      />
      <TextField
        id="clinic-phone"
        name="phone"
        type="tel"
        label={t("appointments.availability.phoneLabel")}
        error={errorOf("clinic-phone")}
        value={phone()}
        onInput={setPhone}
      />
      <h2>{t("appointments.availability.templateHeading")}</h2>
      <table class="availability-table">
        <caption class="visually-hidden">{t("appointments.availability.templateCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("appointments.availability.weekday")}</th>
            <th scope="col">{t("appointments.availability.from")}</th>
            <th scope="col">{t("appointments.availability.to")}</th>
            <th scope="col">{t("appointments.availability.visitType")}</th>
            <th scope="col">{t("appointments.availability.slotMinutes")}</th>
            <th scope="col">{t("appointments.availability.actions")}</th>
          </tr>
        </thead>
        <tbody>
          <Index each={rows()}>
            {(row, index) => {
              const label = (column: string) => `${column} ${index + 1}`;
              return (
                <tr>
                  <td>
                    <select
                      aria-label={label(t("appointments.availability.weekday"))}
                      value={row().weekday}
                      onChange={(e) => update(index, { weekday: Number(e.currentTarget.value) })}
                    >
                      <For each={weekdays}>
                        {(day) => <option value={day}>{dayName(day)}</option>}
                      </For>
                    </select>
                  </td>
                  <td>
                    <input
                      id={`row-${index}-from`}
                      type="time"
                      aria-label={label(t("appointments.availability.from"))}
                      value={row().startTime}
                      onInput={(e) => update(index, { startTime: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input
                      type="time"
                      aria-label={label(t("appointments.availability.to"))}
                      value={row().endTime}
                      onInput={(e) => update(index, { endTime: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <select
                      aria-label={label(t("appointments.availability.visitType"))}
                      value={row().visitType}
                      onChange={(e) =>
                        update(index, { visitType: e.currentTarget.value as VisitType })
                      }
                    >
                      <For each={visitTypes}>
                        {(type) => (
                          <option value={type}>{t(`appointments.visitTypes.${type}`)}</option>
                        )}
                      </For>
                    </select>
                  </td>
                  <td>
                    <input
                      type="number"
                      min="5"
                      max="240"
                      step="5"
                      aria-label={label(t("appointments.availability.slotMinutes"))}
                      value={row().slotMinutes}
                      onInput={(e) => update(index, { slotMinutes: Number(e.currentTarget.value) })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="button button--secondary"
                      onClick={() => setRows(rows().filter((_, i) => i !== index))}
                    >
                      {t("appointments.availability.removeRow", {
                        day: dayName(row().weekday),
                        from: row().startTime,
                        to: row().endTime,
                      })}
                    </button>
                  </td>
                </tr>
              );
            }}
          </Index>
        </tbody>
      </table>
      <div class="button-row">
        <Button
          onClick={() =>
            setRows([
              ...rows(),
              {
                weekday: 1,
                startTime: "09:00",
                endTime: "12:00",
                visitType: "in-person",
                slotMinutes: 30,
              },
            ])
          }
        >
          {t("appointments.availability.addPeriod")}
        </Button>
        <Button variant="primary" type="submit">
          {t("appointments.availability.save")}
        </Button>
      </div>
    </form>
  );
}

function Overrides(props: { initial: AvailabilityOverride[] }) {
  const [overrides, setOverrides] = createSignal(props.initial);
  // Re-read after each change: the server answers the list in date order, with ids.
  const reload = async () => {
    const result = await fetchAvailability();
    if (result.ok) setOverrides(result.data.overrides);
  };
  const [date, setDate] = createSignal("");
  const [kind, setKind] = createSignal<"closed" | "open">("closed");
  const [from, setFrom] = createSignal("09:00");
  const [to, setTo] = createSignal("12:00");
  const [visitType, setVisitType] = createSignal<VisitType>("in-person");
  const [minutes, setMinutes] = createSignal(30);
  const form = createFormState();
  const overrideText = (o: AvailabilityOverride) =>
    o.kind === "closed"
      ? t("appointments.availability.closedOn", { date: o.date })
      : t("appointments.availability.openOn", {
          date: o.date,
          from: o.startTime,
          to: o.endTime,
          kind: t(`appointments.visitTypes.${o.visitType}`),
          minutes: o.slotMinutes,
        });
  const add = form.handleSubmit(() => {
    const found: FieldFailure[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date())) {
      found.push({
        fieldId: "override-date",
        text: () => t("appointments.availability.invalidDate"),
      });
    }
    if (kind() === "open" && !(from() < to())) {
      found.push({
        fieldId: "override-from",
        text: () => t("appointments.availability.invalidRow", { row: 1 }),
      });
    }
    if (found.length > 0) return form.fail(found);
    const body: AvailabilityOverride =
      kind() === "closed"
        ? { date: date(), kind: "closed" }
        : {
            date: date(),
            kind: "open",
            startTime: from(),
            endTime: to(),
            visitType: visitType(),
            slotMinutes: minutes(),
          };
    // Any refusal is the day's as a whole: shown by its code.
    return form.send(
      () => addOverride(body),
      async () => {
        announce(t("appointments.availability.added"));
        await reload();
      },
    );
  });
  const remove = (id: string | undefined) => {
    if (!id) return;
    return form.send(
      () => removeOverride(id),
      async () => {
        announce(t("appointments.availability.removed"));
        await reload();
      },
    );
  };
  return (
    <section aria-labelledby="overrides-heading">
      <h2 id="overrides-heading">{t("appointments.availability.overridesHeading")}</h2>
      <Show
        when={overrides().length > 0}
        fallback={<p>{t("appointments.availability.noOverrides")}</p>}
      >
        <ul class="appointment-list">
          <For each={overrides()}>
            {(o) => (
              <li>
                <p>{overrideText(o)}</p>
                <button
                  type="button"
                  class="button button--secondary"
                  onClick={() => void remove(o.id)}
                >
                  {t("appointments.availability.removeOverride", { date: o.date })}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{t("appointments.availability.addOverrideHeading")}</h3>
      <form class="form" novalidate onSubmit={add}>
        <FormSummary form={form} />
        <div class="field">
          <label class="field__label" for="override-date">
            {t("appointments.availability.dateLabel")}
          </label>
          <input
            class="field__input"
            id="override-date"
            type="date"
            value={date()}
            onInput={(e) => setDate(e.currentTarget.value)}
          />
        </div>
        <ChoiceGroup
          id="override-kind"
          name="override-kind"
          legend={t("appointments.availability.kindLegend")}
          choices={[
            { value: "closed", label: t("appointments.availability.closed") },
            { value: "open", label: t("appointments.availability.open") },
          ]}
          value={kind()}
          onChange={(value) => setKind(value as "closed" | "open")}
        />
        <Show when={kind() === "open"}>
          <div class="field">
            <label class="field__label" for="override-from">
              {t("appointments.availability.from")}
            </label>
            <input
              class="field__input"
              id="override-from"
              type="time"
              value={from()}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label class="field__label" for="override-to">
              {t("appointments.availability.to")}
            </label>
            <input
              class="field__input"
              id="override-to"
              type="time"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label class="field__label" for="override-kind-type">
              {t("appointments.availability.visitType")}
            </label>
            <select
              class="appointment-select"
              id="override-kind-type"
              value={visitType()}
              onChange={(e) => setVisitType(e.currentTarget.value as VisitType)}
            >
              <For each={visitTypes}>
                {(type) => <option value={type}>{t(`appointments.visitTypes.${type}`)}</option>}
              </For>
            </select>
          </div>
          <div class="field">
            <label class="field__label" for="override-minutes">
              {t("appointments.availability.slotMinutes")}
            </label>
            <input
              class="field__input"
              id="override-minutes"
              type="number"
              min="5"
              max="240"
              step="5"
              value={minutes()}
              onInput={(e) => setMinutes(Number(e.currentTarget.value))}
            />
          </div>
        </Show>
        <Button variant="primary" type="submit">
          {t("appointments.availability.addOverride")}
        </Button>
      </form>
    </section>
  );
}
