import { Hono } from "hono";
import type { Me } from "../../shared/contracts/me.ts";
import { requireUser } from "../auth/middleware.ts";
import type { User } from "../auth/session.ts";
import type { AppEnv } from "../context.ts";

export function toMe(user: User): Me {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    locale: user.locale,
    ...(user.mustChangePassword ? { mustChangePassword: true as const } : {}),
  };
}

/** `GET /api/me`: who the session belongs to. */
export function meRoutes() {
  return new Hono<AppEnv>().get("/", requireUser, (c) => {
    // requireUser guarantees auth is set.
    const { user } = c.var.auth as NonNullable<AppEnv["Variables"]["auth"]>;
    return c.json(toMe(user));
  });
}
