import { eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Me } from "../../shared/contracts/me.ts";
import { newPasswordRequest } from "../../shared/contracts/support.ts";
import { recordAudit } from "../audit.ts";
import { writeSessionCookie } from "../auth/cookie.ts";
import { auditDeviceKeyRevocation, revokeDeviceKeys } from "../auth/device-keys.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { newPasswordProblem } from "../auth/password-policy.ts";
import { createSession, generateSessionToken, invalidateUserSessions } from "../auth/session.ts";
import type { AppEnv, Deps } from "../context.ts";
import type { Database } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { toMe } from "./me.ts";

/**
 * `POST /api/auth/new-password`: the second half of support's temporary password (ADR 20).
 * A session whose account must change its password can call little else
 * (server/support/new-password-session.ts); this sets the new password under the password
 * policy, ends every session of the account, and signs the person in afresh with a new token
 * (ASVS 6.4.1, 7.2.4, 7.4.3).
 */
export function newPasswordRoutes(deps: Deps) {
  const { db, config, now } = deps;
  return new Hono<AppEnv>().post("/", requireUser, async (c) => {
    const { user } = signedInAs(c);
    // Only for an account that was given a temporary password: changing a known password
    // asks for the current one, which is another page's job.
    if (!user.mustChangePassword) throw new ApiError("AUTH-103");
    const { password } = await readJson(c, newPasswordRequest);
    const problem = newPasswordProblem(password, { username: user.username, email: user.email });
    if (problem) throw new ApiError("REQ-302", [{ field: "password", problem }]);
    // The temporary password was read out over the phone: it cannot be the one kept.
    if (await verifyPassword(user.passwordHash, password))
      throw new ApiError("REQ-302", [{ field: "password", problem: "invalid" }]);
    const passwordHash = await hashPassword(password);
    const [updated] = await db
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(eq(users.id, user.id))
      .returning();
    if (!updated) throw new ApiError("AUTH-102");
    const at = now();
    const token = generateSessionToken();
    const revokedKeys = await db.transaction(async (tx) => {
      const txDb = tx as unknown as Database;
      await invalidateUserSessions(txDb, user.id);
      // Support's temporary password already revoked them; one made since goes too.
      const revoked = await revokeDeviceKeys(txDb, user.id, { all: true }, "support", at);
      await createSession(txDb, token, user.id, at, c.req.header("user-agent")?.slice(0, 512), {
        authenticatedAt: at,
      });
      return revoked;
    });
    writeSessionCookie(c, config.secure, token, config.sessionAbsoluteMs);
    await recordAudit(db, c, {
      actorId: user.id,
      action: "auth.password.change",
      outcome: "success",
      details: { after: "temporary-password" },
    });
    await auditDeviceKeyRevocation(db, c, {
      actorId: user.id,
      userId: user.id,
      reason: "support",
      ids: revokedKeys,
    });
    return c.json<{ me: Me }>({ me: toMe(updated) });
  });
}
