import type { Context } from "hono";
import * as v from "valibot";
import { fieldProblems } from "../../shared/contracts/validation.ts";
import { ApiError } from "./api-error.ts";

/**
 * Reads the JSON body and validates it with a shared contract. Bad JSON is REQ-301, a body
 * that does not fit is REQ-302 with the fields at fault; nothing is written in either case
 * because validation happens before the handler touches the database (ABUSE-CASES 10).
 */
export async function readJson<S extends v.GenericSchema>(
  c: Context,
  schema: S,
): Promise<v.InferOutput<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError("REQ-301");
  }
  const result = v.safeParse(schema, raw);
  if (!result.success) throw new ApiError("REQ-302", fieldProblems(result.issues));
  return result.output;
}
