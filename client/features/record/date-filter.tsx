import { useSearchParams } from "@solidjs/router";
import { createSignal, type JSX } from "solid-js";
import { t } from "../../i18n/i18n.ts";
import { Button } from "../../ui/button.tsx";
import { FieldFrame } from "../../ui/field-frame.tsx";
import { createFormState } from "../../ui/form-state.ts";
import { FormSummary } from "../../ui/form-summary.tsx";
import { cleanDay, dateWindowProblem } from "./date-window.ts";

/** The URL's filter: `q` (search words), `from` and `to` (YYYY-MM-DD), each optional. */
export function createRecordFilter() {
  const [params, setParams] = useSearchParams();
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return {
    query: () => one(params.q)?.trim() ?? "",
    from: () => cleanDay(one(params.from)),
    to: () => cleanDay(one(params.to)),
    set: (next: { q?: string; from?: string; to?: string }) =>
      setParams({ q: next.q || undefined, from: next.from || undefined, to: next.to || undefined }),
  };
}

export type RecordFilter = ReturnType<typeof createRecordFilter>;

function DateInput(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  onInput: (value: string) => void;
}) {
  return (
    <FieldFrame id={props.id} label={props.label} error={props.error}>
      {(aria) => (
        <input
          class="field__input record-date"
          id={props.id}
          name={props.id}
          type="date"
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
          aria-describedby={aria.describedBy()}
          aria-invalid={aria.invalid()}
        />
      )}
    </FieldFrame>
  );
}

/**
 * The filter form of the results and search pages: what is typed stays in the form until it is
 * valid, and only a valid filter reaches the URL, so a link to a filtered list always works.
 */
export function FilterForm(props: {
  filter: RecordFilter;
  idPrefix: string;
  legend: string;
  submitLabel: string;
  /** The search box, on the search page. */
  before?: (value: () => string, set: (value: string) => void) => JSX.Element;
}) {
  const [query, setQuery] = createSignal(props.filter.query());
  const [from, setFrom] = createSignal(props.filter.from() ?? "");
  const [to, setTo] = createSignal(props.filter.to() ?? "");
  const form = createFormState();
  const fromId = `${props.idPrefix}-from`;
  const submit = form.handleSubmit(() => {
    const found = dateWindowProblem(from() || undefined, to() || undefined);
    // The summary says what is wrong; beside "from", what to do about it.
    if (found === "REC-402")
      return form.fail([
        { fieldId: fromId, text: () => t("errors.REC-402.message"), summaryOnly: true },
      ]);
    form.clear();
    props.filter.set({ q: query(), from: from(), to: to() });
  });
  const clear = () => {
    setQuery("");
    setFrom("");
    setTo("");
    form.clear();
    props.filter.set({});
  };
  return (
    <form class="record-filter" onSubmit={submit} noValidate>
      <FormSummary form={form} />
      {props.before?.(query, setQuery)}
      <fieldset class="record-filter__dates">
        <legend>{props.legend}</legend>
        <DateInput
          id={fromId}
          label={t("record.search.from")}
          value={from()}
          error={form.failed() ? t("errors.REC-402.action") : undefined}
          onInput={setFrom}
        />
        <DateInput
          id={`${props.idPrefix}-to`}
          label={t("record.search.to")}
          value={to()}
          onInput={setTo}
        />
      </fieldset>
      <div class="record-filter__actions">
        <Button type="submit" variant="primary">
          {props.submitLabel}
        </Button>
        <Button onClick={clear}>{t("record.filter.clear")}</Button>
      </div>
    </form>
  );
}
