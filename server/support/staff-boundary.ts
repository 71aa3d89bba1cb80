import type { MiddlewareHandler } from "hono";
import { recordAudit } from "../audit.ts";
import type { AppEnv, Deps } from "../context.ts";
import { errorResponse } from "../http/api-error.ts";

/**
 * The parts of the API support staff may use: their console, their own account and sign-in,
 * and the help pages' endpoints. Nothing else — above all, nothing that reads or writes a
 * health record (docs/abuse-cases.md 5; ASVS 8.2.1, least privilege).
 */
const supportMay = [
  "/api/support/",
  "/api/auth/",
  "/api/account/",
  "/api/me",
  "/api/health",
  "/api/diagnostics",
  "/api/help-requests",
  "/api/dev/",
];

export function supportStaffMay(path: string): boolean {
  return supportMay.some((prefix) =>
    prefix.endsWith("/")
      ? path.startsWith(prefix)
      : path === prefix || path.startsWith(`${prefix}/`),
  );
}

/**
 * Answers 403 AUTH-103, audited, to a support session calling any API outside `supportMay`.
 * An allow-list in the middleware, like partial sessions (server/auth/partial-session.ts):
 * a clinical route added tomorrow is closed to support staff without anyone remembering to,
 * and `patientsVisibleTo` (server/access.ts) already gives staff no patient behind it.
 */
export function keepSupportOutOfRecords(deps: Pick<Deps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.auth?.user;
    if (user?.role === "support" && !supportStaffMay(c.req.path)) {
      await recordAudit(deps.db, c, {
        actorId: user.id,
        action: "support.clinical-route",
        outcome: "denied",
        details: { method: c.req.method, path: c.req.path.slice(0, 200) },
      });
      return errorResponse(c, "AUTH-103");
    }
    await next();
  };
}
