import { batch, createSignal } from "solid-js";
import type { ErrorCode, FieldProblem } from "../../shared/errors.ts";
import type { ApiResult } from "../api/request.ts";

/** One field's problem; its words are read when shown, so a change of language reaches them. */
export interface FieldFailure {
  /** The id of the input it is about: the summary links there. */
  fieldId: string;
  text: () => string;
  /**
   * Listed in the summary but not shown beside the field: a problem about several fields
   * (a wrong username or password, AUTH-101), where marking one would say which was wrong.
   */
  summaryOnly?: boolean;
}

/** What a coded refusal is, for a form where that code is about one of its fields. */
export interface CodeFailure {
  fields: FieldFailure[];
  /** Explain the code too (its action and guide), under the summary's list. */
  explain: boolean;
}

export interface FormStateOptions {
  /** This form's message for a problem found in one of its fields; undefined: not its field. */
  fieldFailure?: (problem: FieldProblem) => FieldFailure | undefined;
  /** For codes about a field (MSG-910 for a message's text): where and how to show them. */
  codeFailure?: (code: ErrorCode) => CodeFailure | undefined;
  /**
   * AUTH-108 asks for the password again instead of failing (ASVS 7.5.1): `reauth()` is set
   * while the page should show "Confirm it's you", and `retry()` sends the same change again,
   * so nothing the person typed is lost.
   */
  reauthenticate?: boolean;
}

/**
 * The state of one form, GOV.UK style: validate on submit, problems by field (beside each
 * field and in the error summary, which takes focus on every failed submit) and at most one
 * problem of the whole form, by its code, with the wait a 429 asked for.
 *
 * @example
 * const form = createFormState({ fieldFailure: (f) => f.field === "email" ? emailFailure : undefined });
 * const submit = form.handleSubmit(() => {
 *   if (email().trim() === "") return form.fail([emailRequired]);
 *   return form.send(() => askForUsername(email()), () => setSent(true));
 * });
 * <FormSummary form={form} />
 * <TextField id="email" error={form.messageFor("email")} … />
 */
export function createFormState(options: FormStateOptions = {}) {
  const [fields, setFields] = createSignal<FieldFailure[]>([]);
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [retryAfter, setRetryAfter] = createSignal<number>();
  const [attempt, setAttempt] = createSignal(0);
  const [pending, setPending] = createSignal(false);
  const [reauth, setReauth] = createSignal<(() => Promise<void>) | undefined>();

  /** Shows these problems and moves focus to the summary (again, on every failed submit). */
  const fail = (found: readonly FieldFailure[], code?: ErrorCode, retryAfterSeconds?: number) =>
    batch(() => {
      // GOV.UK: one message per field, the first one found.
      setFields(found.filter((f, i) => found.findIndex((g) => g.fieldId === f.fieldId) === i));
      setProblem(code);
      setRetryAfter(retryAfterSeconds);
      setAttempt(attempt() + 1);
    });

  const clear = () =>
    batch(() => {
      setFields([]);
      setProblem(undefined);
      setRetryAfter(undefined);
    });

  /** Problems found in fields (by this device's check or the server's), in this form's words. */
  const fieldFailures = (problems: readonly FieldProblem[]): FieldFailure[] =>
    problems.flatMap((p) => options.fieldFailure?.(p) ?? []);

  /** A coded API failure: the form's fields where they are named, else the code itself. */
  const refuse = (failure: {
    code: ErrorCode;
    fields?: FieldProblem[];
    retryAfterSeconds?: number;
  }) => {
    const byCode = options.codeFailure?.(failure.code);
    if (byCode)
      return fail(
        byCode.fields,
        byCode.explain ? failure.code : undefined,
        failure.retryAfterSeconds,
      );
    const found = failure.code === "REQ-302" ? fieldFailures(failure.fields ?? []) : [];
    if (found.length > 0) return fail(found);
    fail([], failure.code, failure.retryAfterSeconds);
  };

  /**
   * Sends the form, once at a time: on success the problems go and `done` runs; a refusal is
   * shown by `refuse`. Answers the result (undefined when a send was already on its way), for
   * a page that does more on a refusal (empties a used code).
   */
  async function send<T>(
    call: () => Promise<ApiResult<T>>,
    done: (data: T) => unknown,
  ): Promise<ApiResult<T> | undefined> {
    const once = async (): Promise<ApiResult<T>> => {
      setPending(true);
      const result = await call();
      setPending(false);
      if (result.ok) {
        batch(() => {
          setReauth(undefined);
          clear();
        });
        await done(result.data);
        return result;
      }
      if (options.reauthenticate && result.code === "AUTH-108") {
        setReauth(() => async () => void (await once()));
        return result;
      }
      setReauth(undefined);
      refuse(result);
      return result;
    };
    return pending() ? undefined : once();
  }

  return {
    fields,
    problem,
    retryAfter,
    attempt,
    pending,
    reauth,
    /** A submit has failed and its problems are shown. */
    failed: () => fields().length > 0 || problem() !== undefined,
    /** The message shown beside a field, if it has one. */
    messageFor: (fieldId: string) =>
      fields()
        .find((f) => f.fieldId === fieldId && !f.summaryOnly)
        ?.text(),
    fail,
    /** Problems this device found with the shared contract (client/ui/schema-check.ts). */
    failFields: (problems: readonly FieldProblem[]) => fail(fieldFailures(problems)),
    refuse,
    clear,
    send,
    /** A form's onSubmit: no page load, and nothing while a send is on its way. */
    handleSubmit:
      (run: () => unknown) =>
      (event: SubmitEvent): void => {
        event.preventDefault();
        if (pending()) return;
        void run();
      },
    /** The password was typed again: send the waiting change. */
    retry: () => void reauth()?.(),
    /** "Confirm it's you" was cancelled: the waiting change is dropped. */
    cancel: () =>
      batch(() => {
        setReauth(undefined);
        setProblem(undefined);
      }),
  };
}

export type FormState = ReturnType<typeof createFormState>;
