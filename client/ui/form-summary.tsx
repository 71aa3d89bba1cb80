import { Show } from "solid-js";
import { ErrorSummary } from "./error-summary.tsx";
import type { FormState } from "./form-state.ts";

/** The error summary of a form (client/ui/form-state.ts), shown once a submit has failed. */
export function FormSummary(props: { form: FormState }) {
  return (
    <Show when={props.form.failed()}>
      <ErrorSummary
        errors={props.form.fields().map((f) => ({ fieldId: f.fieldId, text: f.text() }))}
        problem={props.form.problem()}
        attempt={props.form.attempt()}
        retryAfterSeconds={props.form.retryAfter()}
      />
    </Show>
  );
}
