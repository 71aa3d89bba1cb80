import * as v from "valibot";
import { fieldProblems } from "../../shared/contracts/validation.ts";
import type { FieldProblem } from "../../shared/errors.ts";

/**
 * Checks a form's input with the contract the server checks it with, so both find the same
 * problems. Apart from form-state.ts so that a page that writes its check out (sign-in, whose
 * budget has no room for valibot) does not load it.
 *
 * @example
 * const checked = checkWithSchema(helpRequest, input);
 * if (!checked.ok) return form.failFields(checked.problems);
 */
export function checkWithSchema<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { ok: true; output: v.InferOutput<S> } | { ok: false; problems: FieldProblem[] } {
  const result = v.safeParse(schema, input);
  return result.success
    ? { ok: true, output: result.output }
    : { ok: false, problems: fieldProblems(result.issues) };
}
