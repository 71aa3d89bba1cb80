import { createSignal, Show } from "solid-js";
import type { ErrorCode } from "../../../shared/errors.ts";
import { ErrorSummary } from "../../ui/error-summary.tsx";

/** One field's problem; its words are read when shown, so a change of language reaches them. */
export interface FieldFailure {
  fieldId: string;
  text: () => string;
}

/**
 * What went wrong with the last submit of a form, GOV.UK style: problems by field (shown beside
 * each field and in the summary) and at most one problem of the whole form, by its code.
 *
 * @example
 * const failure = createFormFailure();
 * failure.fail([{ fieldId: "email", text: () => t("forgotUsername.email.required") }]);
 * <FailureSummary failure={failure} />
 * <TextField id="email" error={failure.messageFor("email")} … />
 */
export function createFormFailure() {
  const [fields, setFields] = createSignal<FieldFailure[]>([]);
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [retryAfter, setRetryAfter] = createSignal<number>();
  const [attempt, setAttempt] = createSignal(0);
  return {
    fields,
    problem,
    retryAfter,
    attempt,
    failed: () => fields().length > 0 || problem() !== undefined,
    messageFor: (fieldId: string) =>
      fields()
        .find((f) => f.fieldId === fieldId)
        ?.text(),
    /** Shows these problems and moves focus to the summary (again, on every failed submit). */
    fail(found: FieldFailure[], code?: ErrorCode, retryAfterSeconds?: number) {
      setFields(found);
      setProblem(code);
      setRetryAfter(retryAfterSeconds);
      setAttempt(attempt() + 1);
    },
    clear() {
      setFields([]);
      setProblem(undefined);
      setRetryAfter(undefined);
    },
  };
}

export type FormFailure = ReturnType<typeof createFormFailure>;

/** The error summary of a form, shown once a submit has failed. */
export function FailureSummary(props: { failure: FormFailure }) {
  return (
    <Show when={props.failure.failed()}>
      <ErrorSummary
        errors={props.failure.fields().map((f) => ({ fieldId: f.fieldId, text: f.text() }))}
        problem={props.failure.problem()}
        attempt={props.failure.attempt()}
        retryAfterSeconds={props.failure.retryAfter()}
      />
    </Show>
  );
}
