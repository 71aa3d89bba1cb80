import { eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  reauthenticateRequest,
  type SignInAnswer,
  signInRequest,
} from "../../shared/contracts/auth.ts";
import type { Me } from "../../shared/contracts/me.ts";
import { recordAudit } from "../audit.ts";
import { secondStepMethodsOf } from "../auth/authenticator-app.ts";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "../auth/cookie.ts";
import { startFullSession } from "../auth/full-session.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import { checkPassword } from "../auth/password-attempt.ts";
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  sessionIdOf,
} from "../auth/session.ts";
import type { AppEnv, Deps } from "../context.ts";
import { sessions } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { toMe } from "./me.ts";

/**
 * `POST /api/auth/sign-in`, `/sign-out` and `/reauthenticate`. Sign-in answers `{ me }`, or,
 * for an account with a second step, `{ secondStep }` and a partial session
 * (docs/decisions/0012-partial-sessions.md).
 */
export function authRoutes(deps: Deps) {
  const { db, config, now } = deps;

  return new Hono<AppEnv>()
    .post("/sign-in", async (c) => {
      const { username, password } = await readJson(c, signInRequest);

      // Whatever session the browser arrived with dies here, signed in or not, so a cookie
      // planted before sign-in is worthless after it (session fixation; ASVS 7.2.4).
      const planted = readSessionCookie(c, config.secure);
      if (planted) {
        await invalidateSession(db, sessionIdOf(planted));
        clearSessionCookie(c, config.secure);
      }

      const { user, ok } = await checkPassword(deps, c, username, password);
      if (!user || !ok) {
        await recordAudit(db, c, {
          actorId: user?.id ?? null,
          action: "auth.sign-in",
          outcome: "failure",
          details: { reason: user ? "wrong-password" : "unknown-username" },
        });
        throw new ApiError("AUTH-101");
      }

      const methods = await secondStepMethodsOf(db, user.id);
      if (methods.length > 0) {
        const token = generateSessionToken();
        await createSession(db, token, user.id, now(), c.req.header("user-agent")?.slice(0, 512), {
          partial: true,
        });
        writeSessionCookie(c, config.secure, token, config.sessionAbsoluteMs);
        await recordAudit(db, c, {
          actorId: user.id,
          action: "auth.password",
          outcome: "success",
          details: { secondStep: methods },
        });
        return c.json<SignInAnswer<Me>>({ secondStep: { methods } });
      }
      await startFullSession(deps, c, user, "password");
      return c.json<SignInAnswer<Me>>({ me: toMe(user) });
    })
    .post("/sign-out", async (c) => {
      const token = readSessionCookie(c, config.secure);
      const auth = c.var.auth ?? c.var.partial;
      if (token) await invalidateSession(db, sessionIdOf(token));
      clearSessionCookie(c, config.secure);
      if (auth) {
        await recordAudit(db, c, {
          actorId: auth.user.id,
          action: "auth.sign-out",
          outcome: "success",
        });
      }
      return c.body(null, 204);
    })
    .post("/reauthenticate", requireUser, async (c) => {
      // Security changes ask for the password again within the last five minutes (ASVS 7.5.1).
      const { user, session } = signedInAs(c);
      const { password } = await readJson(c, reauthenticateRequest);
      const checked = await checkPassword(deps, c, user.username, password);
      if (!checked.ok || checked.user?.id !== user.id) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "auth.reauthenticate",
          outcome: "failure",
        });
        throw new ApiError("AUTH-101");
      }
      await db.update(sessions).set({ authenticatedAt: now() }).where(eq(sessions.id, session.id));
      await recordAudit(db, c, {
        actorId: user.id,
        action: "auth.reauthenticate",
        outcome: "success",
      });
      return c.body(null, 204);
    });
}
