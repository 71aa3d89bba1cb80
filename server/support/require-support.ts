import type { MiddlewareHandler } from "hono";
import { recordAudit } from "../audit.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";

/**
 * Lets through only a full session of a member of support staff. Anyone else signed in gets
 * 403 AUTH-103, audited (ABUSE-CASES 5; ASVS 8.2.1); nobody signed in gets 401 AUTH-102.
 *
 * @example app.use("*", requireSupport(deps))
 */
export function requireSupport(deps: Pick<Deps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw new ApiError("AUTH-102");
    if (auth.user.role !== "support") {
      await recordAudit(deps.db, c, {
        actorId: auth.user.id,
        action: "support.access",
        outcome: "denied",
        details: { method: c.req.method, path: c.req.path.slice(0, 200) },
      });
      throw new ApiError("AUTH-103");
    }
    await next();
  };
}
