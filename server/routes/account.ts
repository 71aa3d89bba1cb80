import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { AccountContact, SessionTime } from "../../shared/contracts/account.ts";
import { endSessionRequest } from "../../shared/contracts/account.ts";
import { recordAudit } from "../audit.ts";
import { auditDeviceKeyRevocation } from "../auth/device-keys.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import {
  endListedSession,
  endOtherSessions,
  listSessions,
  sessionEnd,
} from "../auth/session-list.ts";
import type { AppEnv, Deps } from "../context.ts";
import { sessions } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { accountActivityRoutes } from "./account-activity.ts";
import { accountDetailRoutes } from "./account-details.ts";

/**
 * `/api/account/*`: the account security page's server side (ADR 19;
 * docs/decisions/0019-account-security.md). Everything here is the signed-in person's own:
 * no route takes a user id, so nobody can reach another person's sessions by naming them.
 *
 * - `GET /sessions`, `POST /sessions/end`, `POST /sessions/end-others`
 * - `GET /session-time` (not activity), `POST /session-time/extend` ("Stay signed in")
 * - `GET /contact`, `POST /password`, `POST /email`, `POST /phone` (account-details.ts)
 * - `GET /activity` (account-activity.ts)
 */
export function accountRoutes(deps: Deps) {
  const { db, config, now } = deps;
  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };

  const timeOf = (session: typeof sessions.$inferSelect): SessionTime => {
    const end = sessionEnd(session, policy);
    return {
      endsAt: end.at.toISOString(),
      remainingMs: Math.max(0, end.at.getTime() - now().getTime()),
      limit: end.limit,
    };
  };

  // requireUser on each route, not `use("*")`: this app is mounted at /api/account, beside the
  // authenticator and code-channel apps, and a wildcard would reach into their paths too.
  return new Hono<AppEnv>()
    .get("/sessions", requireUser, async (c) => {
      const { user, session } = signedInAs(c);
      return c.json({ sessions: await listSessions(db, user.id, session.id, now(), policy) });
    })
    .post("/sessions/end", requireUser, async (c) => {
      const { user, session } = signedInAs(c);
      const { id } = await readJson(c, endSessionRequest);
      const { ended, revokedKeys } = await endListedSession(db, user.id, session.id, id, now());
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.session.end",
        outcome: ended ? "success" : "failure",
      });
      await auditDeviceKeyRevocation(db, c, {
        actorId: user.id,
        userId: user.id,
        reason: "session-ended-from-list",
        ids: revokedKeys,
      });
      if (!ended) throw new ApiError("AUTH-140");
      return c.body(null, 204);
    })
    .post("/sessions/end-others", requireUser, async (c) => {
      const { user, session } = signedInAs(c);
      const { ended, revokedKeys } = await endOtherSessions(db, user.id, session.id, now());
      await recordAudit(db, c, {
        actorId: user.id,
        action: "account.session.end-others",
        outcome: "success",
        details: { ended },
      });
      await auditDeviceKeyRevocation(db, c, {
        actorId: user.id,
        userId: user.id,
        reason: "signed-out-everywhere",
        ids: revokedKeys,
      });
      return c.json({ ended });
    })
    .get("/session-time", requireUser, (c) => c.json(timeOf(signedInAs(c).session)))
    .post("/session-time/extend", requireUser, async (c) => {
      // "Stay signed in": a request is activity; this one says so explicitly, even within the
      // minute in which the middleware would not write last-seen again.
      const { session } = signedInAs(c);
      const at = now();
      await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, session.id));
      return c.json(timeOf({ ...session, lastSeenAt: at }));
    })
    .get("/contact", requireUser, (c) => {
      const { user } = signedInAs(c);
      return c.json<AccountContact>({ email: user.email, phone: user.phone });
    })
    .route("/", accountDetailRoutes(deps))
    .route("/activity", accountActivityRoutes(deps));
}
