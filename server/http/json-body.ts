import type { Context } from "hono";
import * as v from "valibot";
import { fieldProblems } from "../../shared/contracts/validation.ts";
import { ApiError } from "./api-error.ts";
import { jsonTrouble } from "./json-limits.ts";

/**
 * Reads the JSON body and validates it with a shared contract. Bad JSON, or JSON nested
 * deeper than any contract (server/http/json-limits.ts), is REQ-301; a NUL anywhere in it is
 * REQ-307; a body that does not fit is REQ-302 with the fields at fault. Nothing is written
 * in any case because validation happens before the handler touches the database
 * (docs/abuse-cases.md 10).
 *
 * `nul: "per-item"` is for the sync push, which refuses a NUL mutation by mutation so that
 * one bad entry does not block the outbox behind it.
 */
export async function readJson<S extends v.GenericSchema>(
  c: Context,
  schema: S,
  options: { nul?: "refuse" | "per-item" } = {},
): Promise<v.InferOutput<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await c.req.text());
  } catch {
    throw new ApiError("REQ-301");
  }
  const trouble = jsonTrouble(raw);
  if (trouble === "tooDeep") throw new ApiError("REQ-301");
  if (trouble === "nul" && options.nul !== "per-item") throw new ApiError("REQ-307");
  const result = v.safeParse(schema, raw);
  if (!result.success) throw new ApiError("REQ-302", fieldProblems(result.issues));
  return result.output;
}
