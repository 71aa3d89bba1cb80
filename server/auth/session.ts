import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, ne } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { sessions, users } from "../db/schema.ts";
import { digestOf } from "./digest.ts";

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** A partial session (password passed, second step not yet) lives at most this long. */
export const partialSessionMs = 10 * 60_000;

/** 160 random bits, above ASVS 7.2.3's 128; base32 so it is cookie-safe as it is. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** Only this digest is stored, so a copy of the sessions table cannot be used as cookies. */
export function sessionIdOf(token: string): string {
  return digestOf(token);
}

export async function createSession(
  db: Database,
  token: string,
  userId: string,
  now: Date,
  userAgent: string | undefined,
  options: { partial?: boolean; authenticatedAt?: Date } = {},
): Promise<Session> {
  const row = {
    id: sessionIdOf(token),
    userId,
    createdAt: now,
    lastSeenAt: now,
    userAgent: userAgent ?? null,
    partial: options.partial ?? false,
    secondStepFailures: 0,
    authenticatedAt: options.authenticatedAt ?? now,
  };
  await db.insert(sessions).values(row);
  return row;
}

/** Writing last-seen at most this often keeps a busy page from writing on every request. */
const touchEveryMs = 60_000;

/**
 * The session and its user if the token is live; expired sessions are deleted on sight.
 * Both limits are enforced here, on the server, whatever the cookie says (ASVS 7.3.1, 7.3.2).
 */
export async function validateSessionToken(
  db: Database,
  token: string,
  now: Date,
  policy: SessionPolicy,
  /** False for a read that must not count as activity (the idle dialog's question). */
  touch = true,
): Promise<{ session: Session; user: User } | null> {
  const id = sessionIdOf(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const { session } = row;
  const idleFor = now.getTime() - session.lastSeenAt.getTime();
  const age = now.getTime() - session.createdAt.getTime();
  const limit = session.partial ? Math.min(partialSessionMs, policy.absoluteMs) : policy.absoluteMs;
  if (idleFor >= policy.idleMs || age >= limit) {
    await invalidateSession(db, id);
    return null;
  }
  if (touch && idleFor >= touchEveryMs) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
    session.lastSeenAt = now;
  }
  return row;
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, except `keep` when given (ASVS 7.4.3, 7.4.5). */
export async function invalidateUserSessions(
  db: Database,
  userId: string,
  keep?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId),
    );
}
