import type { MiddlewareHandler } from "hono";
import { sessionTimePath } from "../../shared/contracts/account.ts";
import { approvalsPath } from "../../shared/contracts/approval.ts";
import { recentAuthenticationMs } from "../../shared/contracts/auth.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError, errorResponse } from "../http/api-error.ts";
import { newPasswordSessionMay } from "../support/new-password-session.ts";
import { clearSessionCookie, readSessionCookie } from "./cookie.ts";
import { partialSessionMay } from "./partial-session.ts";
import { validateSessionToken } from "./session.ts";

/** Loads the session named by the cookie, if any, into `c.var.auth`. */
export function loadSession(deps: Deps): MiddlewareHandler<AppEnv> {
  const { db, config, now } = deps;
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  return async (c, next) => {
    const token = readSessionCookie(c, config.secure);
    // Asking how long is left is not activity: if it were, the idle dialog would keep every
    // session alive for ever (HIPAA automatic logoff; client/features/idle).
    // Nor is a signed-in device looking for sign-in approvals every 10 seconds.
    const touch = !(
      c.req.method === "GET" &&
      (c.req.path === sessionTimePath || c.req.path === approvalsPath)
    );
    const auth = token ? await validateSessionToken(db, token, now(), policy, touch) : null;
    // A live session's cookie is left alone: sign-in set its lifetime to the absolute limit, and
    // restating it on every request cost each sync about 150 bytes (ADR 13).
    if (token && !auth) {
      clearSessionCookie(c, config.secure);
    }
    if (auth?.session.partial) {
      // A partial session is not a session for anything but the second step (ASVS 6.3.3 via
      // 7.2.4; docs/abuse-cases.md 23): `auth` stays null, so every route sees "not signed in".
      c.set("auth", null);
      c.set("partial", auth);
      if (!partialSessionMay(c.req.method, c.req.path)) return errorResponse(c, "AUTH-102");
    } else {
      c.set("auth", auth);
      c.set("partial", null);
      // A temporary password from support opens nothing but choosing a new one (ASVS 6.4.1).
      if (auth?.user.mustChangePassword && !newPasswordSessionMay(c.req.method, c.req.path))
        return errorResponse(c, "SUP-107");
    }
    await next();
  };
}

/** Answers 401 AUTH-102 unless a live session is loaded. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.auth) throw new ApiError("AUTH-102");
  await next();
};

/**
 * Answers 401 AUTH-102 unless a partial session (password right, second step to come) is
 * loaded. Run before the body is read, so a request without one is told so whatever it sent,
 * as every other signed-in route answers (server/authorization-routes.test.ts).
 */
export const requirePartialSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.partial) throw new ApiError("AUTH-102");
  await next();
};

/** The signed-in user and session; call only behind `requireUser`. */
export function signedInAs(c: { var: AppEnv["Variables"] }) {
  const auth = c.var.auth;
  if (!auth) throw new ApiError("AUTH-102");
  return auth;
}

/**
 * Answers 401 AUTH-108 unless the person proved who they are in the last five minutes: a
 * stolen or forgotten-open session cannot change how the account signs in (ASVS 7.5.1).
 */
export function requireRecentAuthentication(now: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { session } = signedInAs(c);
    const at = session.authenticatedAt?.getTime() ?? 0;
    if (now().getTime() - at > recentAuthenticationMs) throw new ApiError("AUTH-108");
    await next();
  };
}
