import type { MiddlewareHandler } from "hono";
import { requireRole } from "../access.ts";
import type { AppEnv, Deps } from "../context.ts";

/**
 * Lets through only a full session of a member of support staff. Anyone else signed in gets
 * 403 AUTH-103, audited (docs/abuse-cases.md 5; ASVS 8.2.1); nobody signed in gets 401 AUTH-102.
 * The check itself is server/access.ts `requireRole`, shared with the clinicians' routes.
 *
 * @example app.use("*", requireSupport(deps))
 */
export function requireSupport(deps: Pick<Deps, "db">): MiddlewareHandler<AppEnv> {
  return requireRole(deps, "support", "support.access");
}
