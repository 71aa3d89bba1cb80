import type { ErrorCode } from "./errors.ts";

/**
 * Whether a server's answer carries something shaped like a catalog code ("AUTH-105"). The
 * client checks the shape only, so the catalog stays out of every page's first download (the
 * sign-in page's 40 KB budget); the server and the client are built and shipped together, and
 * shared/errors.test.ts proves every catalog code has this shape.
 */
export function isErrorCodeShape(value: unknown): value is ErrorCode {
  return typeof value === "string" && /^[A-Z]{2,5}-\d{3}$/.test(value);
}
