import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  type ApiErrorBody,
  type ErrorCode,
  errorCatalog,
  type FieldProblem,
} from "../../shared/errors.ts";

/**
 * Thrown anywhere in a route to answer with a catalog error. The body carries only the code
 * (and field problems), never a message or stack: the client translates the code.
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    readonly fields?: FieldProblem[],
    /** For a 429: the wait, told to the person and sent as Retry-After (RFC 9110 §10.2.3). */
    readonly retryAfterMs?: number,
  ) {
    super(code);
  }
}

export function errorResponse(
  c: Context,
  code: ErrorCode,
  fields?: FieldProblem[],
  retryAfterMs?: number,
): Response {
  const body: ApiErrorBody = { error: fields ? { code, fields } : { code } };
  if (retryAfterMs !== undefined) {
    // Rounded up: "try again in 0 seconds" would invite an attempt that is still refused.
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    body.error.retryAfterSeconds = seconds;
    c.header("Retry-After", String(seconds));
  }
  return c.json(body, errorCatalog[code].status as ContentfulStatusCode);
}
