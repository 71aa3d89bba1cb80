import { and, desc, eq, ne } from "drizzle-orm";
import type { AccountSession, SessionTime } from "../../shared/contracts/account.ts";
import type { Database } from "../db/open.ts";
import { sessions } from "../db/schema.ts";
import { revokeDeviceKeys } from "./device-keys.ts";
import { describeDevice } from "./device-name.ts";
import { digestOf } from "./digest.ts";
import { partialSessionMs, type Session, type SessionPolicy } from "./session.ts";

/**
 * The name a session goes by on the account page: a digest of its id, so the page (and
 * anything that reads it, such as a browser extension) never holds the id the database keys
 * on, let alone the token (ASVS 7.2.2: tokens stay in the HttpOnly cookie).
 */
export function publicSessionId(sessionId: string): string {
  return digestOf(`listed:${sessionId}`).slice(0, 32);
}

/** When `session` ends unless used again, and which limit ends it. */
export function sessionEnd(
  session: Session,
  policy: SessionPolicy,
): { at: Date; limit: SessionTime["limit"] } {
  const absolute = session.partial
    ? Math.min(partialSessionMs, policy.absoluteMs)
    : policy.absoluteMs;
  const idleEnd = session.lastSeenAt.getTime() + policy.idleMs;
  const absoluteEnd = session.createdAt.getTime() + absolute;
  return idleEnd <= absoluteEnd
    ? { at: new Date(idleEnd), limit: "idle" }
    : { at: new Date(absoluteEnd), limit: "absolute" };
}

/**
 * Every live session of `userId`, the current one first, then by last activity. Sessions past
 * their limits are left out: they are dead, and deleted the next time their cookie is seen.
 *
 * @example const listed = await listSessions(db, user.id, session.id, now, policy);
 */
export async function listSessions(
  db: Database,
  userId: string,
  currentId: string,
  now: Date,
  policy: SessionPolicy,
): Promise<AccountSession[]> {
  const rows = await db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
  return rows
    .filter((row) => sessionEnd(row, policy).at.getTime() > now.getTime())
    .map((row) => {
      const { browser, system } = describeDevice(row.userAgent);
      return {
        id: publicSessionId(row.id),
        browser: browser ?? null,
        system: system ?? null,
        signedInAt: row.createdAt.toISOString(),
        lastActiveAt: row.lastSeenAt.toISOString(),
        current: row.id === currentId,
        waitingForSecondStep: row.partial,
      };
    })
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * Ends the session of `userId` listed as `listedId`, never the current one (that is "Sign
 * out"). Only the user's own sessions are looked at, so another person's id ends nothing:
 * answers `ended: false`, exactly as for an id that never existed (ASVS 7.4.5, 8.2.2). The
 * device keys bound to that session are revoked with it (ADR 29): that device wipes its copy.
 */
export async function endListedSession(
  db: Database,
  userId: string,
  currentId: string,
  listedId: string,
  now: Date,
): Promise<{ ended: boolean; revokedKeys: string[] }> {
  const own = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, currentId)));
  const match = own.find((row) => publicSessionId(row.id) === listedId);
  if (!match) return { ended: false, revokedKeys: [] };
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, match.id), eq(sessions.userId, userId)))
      .returning({ id: sessions.id });
    if (ended.length === 0) return { ended: false, revokedKeys: [] };
    const revokedKeys = await revokeDeviceKeys(
      tx as unknown as Database,
      userId,
      { sessionId: match.id },
      "session-ended-from-list",
      now,
    );
    return { ended: true, revokedKeys };
  });
}

/**
 * Ends every session of `userId` but `currentId` (ASVS 7.4.5), and revokes every device key of
 * the account but this device's, including those of devices whose session already expired:
 * "sign out everywhere" is the lost-phone remedy (ADR 29).
 */
export async function endOtherSessions(
  db: Database,
  userId: string,
  currentId: string,
  now: Date,
): Promise<{ ended: number; revokedKeys: string[] }> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, currentId)))
      .returning({ id: sessions.id });
    const revokedKeys = await revokeDeviceKeys(
      tx as unknown as Database,
      userId,
      { all: true, keepSessionId: currentId },
      "signed-out-everywhere",
      now,
    );
    return { ended: ended.length, revokedKeys };
  });
}
