import { createSignal } from "solid-js";
import type { ErrorCode, FieldProblem } from "../../../shared/errors.ts";
import type { ApiResult } from "../../api/request.ts";

/**
 * Runs a security change that may first need the password again (AUTH-108: the last proof is
 * over five minutes old; ASVS 7.5.1). `reauth()` is set while the page should show the
 * "Confirm it's you" form; once it is passed, `retry()` sends the same change again, so
 * nothing the person typed is lost.
 *
 * @example
 * const change = createSecurityChange();
 * await change.run(() => changeEmail(email()), () => announce(t("security.contact.emailChanged")));
 */
export function createSecurityChange() {
  const [reauth, setReauth] = createSignal<(() => Promise<void>) | undefined>();
  const [problem, setProblem] = createSignal<ErrorCode>();
  const [fields, setFields] = createSignal<FieldProblem[]>([]);
  const [attempt, setAttempt] = createSignal(0);
  const [busy, setBusy] = createSignal(false);

  async function run<T>(call: () => Promise<ApiResult<T>>, done: (data: T) => void) {
    const attemptOnce = async (): Promise<void> => {
      setBusy(true);
      const result = await call();
      setBusy(false);
      if (result.ok) {
        setReauth(undefined);
        setProblem(undefined);
        setFields([]);
        return done(result.data);
      }
      if (result.code === "AUTH-108") return void setReauth(() => attemptOnce);
      setReauth(undefined);
      setFields(result.code === "REQ-302" ? (result.fields ?? []) : []);
      setProblem(result.code === "REQ-302" && result.fields?.length ? undefined : result.code);
      setAttempt(attempt() + 1);
    };
    if (!busy()) await attemptOnce();
  }

  return {
    run,
    reauth,
    problem,
    fields,
    attempt,
    busy,
    /** The password was typed again: send the waiting change. */
    retry: () => void reauth()?.(),
    cancel: () => {
      setReauth(undefined);
      setProblem(undefined);
    },
    /** A problem found on this device before sending (an empty field). */
    fail: (found: FieldProblem[]) => {
      setFields(found);
      setProblem(undefined);
      setAttempt(attempt() + 1);
    },
  };
}
