import type { MiddlewareHandler } from "hono";
import { errorResponse } from "./api-error.ts";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for a JSON API (ASVS 3.5.1–3.5.3, docs/abuse-cases.md 17). A state change must:
 * - carry `Content-Type: application/json`, which a cross-site HTML form cannot send
 *   without a CORS preflight that this server never grants; and
 * - come from our own origin: `Origin` equal to one we serve, or, when a browser omits
 *   `Origin`, `Sec-Fetch-Site: same-origin`.
 * Anything else is refused before any handler runs.
 */
export function requireSameOriginJson(allowedOrigins: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    if (safeMethods.has(c.req.method)) return next();
    const origin = c.req.header("origin");
    const sameOrigin =
      origin !== undefined
        ? allowedOrigins.includes(origin)
        : c.req.header("sec-fetch-site") === "same-origin";
    if (!sameOrigin) return errorResponse(c, "SEC-201");
    const contentType = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(contentType)) return errorResponse(c, "SEC-202");
    return next();
  };
}
