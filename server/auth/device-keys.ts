import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { and, eq, isNull, ne, or } from "drizzle-orm";
import type { Context } from "hono";
import type { DeviceKey, DeviceKeyRevocation } from "../../shared/contracts/device-keys.ts";
import { recordAudit } from "../audit.ts";
import type { Database } from "../db/open.ts";
import { deviceKeys } from "../db/schema.ts";

/**
 * Device keys: the server's half of each device's lock on its copy of the record (ADR 29;
 * shared/contracts/device-keys.ts). Every path that ends sessions on someone else's behalf
 * calls `revokeDeviceKeys`, in the transaction that ends them, so a device cut off from the
 * account is refused its key, and wipes its copy, at its next contact.
 */

export type DeviceKeyRow = typeof deviceKeys.$inferSelect;

/** Why a key was refused: the device deletes its copy in every case (AUTH-148). */
export type DeviceKeyRefusal = "unknown" | "revoked" | "not-seen";

export type DeviceKeyLookup =
  | { ok: true; row: DeviceKeyRow }
  | { ok: false; refusal: DeviceKeyRefusal; row: DeviceKeyRow | undefined };

/** A new key for the device of `sessionId`. The answer is the only place the key goes. */
export async function createDeviceKey(
  db: Database,
  userId: string,
  sessionId: string,
  now: Date,
): Promise<DeviceKey> {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const row = {
    id: crypto.randomUUID(),
    userId,
    sessionId,
    key: encodeBase64urlNoPadding(bytes),
    createdAt: now,
    lastSeenAt: now,
  };
  await db.insert(deviceKeys).values(row);
  return { id: row.id, key: row.key };
}

/**
 * The key `id` if it may still be opened: not revoked, and opened within `maxIdleMs`. A key
 * past that is revoked here ("not-seen"), so the refusal stands even if the limit is raised.
 * Says nothing about who may open it: the route checks the session after this, so a device
 * whose session is gone still learns that its copy must go.
 */
export async function findOpenableDeviceKey(
  db: Database,
  id: string,
  now: Date,
  maxIdleMs: number,
): Promise<DeviceKeyLookup> {
  const [row] = await db.select().from(deviceKeys).where(eq(deviceKeys.id, id));
  if (!row) return { ok: false, refusal: "unknown", row };
  if (row.revokedAt) return { ok: false, refusal: "revoked", row };
  if (now.getTime() - row.lastSeenAt.getTime() > maxIdleMs) {
    await db
      .update(deviceKeys)
      .set({ revokedAt: now, revokedReason: "not-seen" })
      .where(and(eq(deviceKeys.id, id), isNull(deviceKeys.revokedAt)));
    return { ok: false, refusal: "not-seen", row };
  }
  return { ok: true, row };
}

/**
 * Marks the key seen now and bound to `sessionId`, and answers it; undefined when it was
 * revoked in between (a "sign out everywhere" racing the open).
 */
export async function markDeviceKeyOpened(
  db: Database,
  id: string,
  sessionId: string,
  now: Date,
): Promise<DeviceKey | undefined> {
  const [row] = await db
    .update(deviceKeys)
    .set({ lastSeenAt: now, sessionId })
    .where(and(eq(deviceKeys.id, id), isNull(deviceKeys.revokedAt)))
    .returning({ id: deviceKeys.id, key: deviceKeys.key });
  return row;
}

/** Which of a user's live keys to revoke. */
export type RevocationScope =
  /** Every key of the account, but the one bound to `keepSessionId` (this device's own). */
  | { all: true; keepSessionId?: string | undefined }
  /** The keys bound to one session (a session ended from the list). */
  | { sessionId: string };

/**
 * Revokes the user's live keys in `scope` and answers their ids. Call it with the transaction
 * that ends the sessions, and audit the ids with `auditDeviceKeyRevocation` once it commits.
 * "All" reaches keys whose session already expired too: a lost phone signed out by its idle
 * limit must be cut off as surely as one still signed in.
 *
 * @example const revoked = await revokeDeviceKeys(tx, user.id, { all: true, keepSessionId: session.id }, "signed-out-everywhere", now);
 */
export async function revokeDeviceKeys(
  db: Database,
  userId: string,
  scope: RevocationScope,
  reason: DeviceKeyRevocation,
  now: Date,
): Promise<string[]> {
  const which =
    "sessionId" in scope
      ? eq(deviceKeys.sessionId, scope.sessionId)
      : scope.keepSessionId
        ? // A key bound to no session is not this device's: it goes too.
          or(isNull(deviceKeys.sessionId), ne(deviceKeys.sessionId, scope.keepSessionId))
        : undefined;
  const revoked = await db
    .update(deviceKeys)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(deviceKeys.userId, userId), isNull(deviceKeys.revokedAt), which))
    .returning({ id: deviceKeys.id });
  return revoked.map((row) => row.id);
}

/**
 * Keeps this device's keys when its session is replaced by a new one (a password change signs
 * the person in afresh): they stay bound to the session the device now holds.
 */
export async function rebindDeviceKeys(
  db: Database,
  userId: string,
  fromSessionId: string,
  toSessionId: string,
): Promise<void> {
  await db
    .update(deviceKeys)
    .set({ sessionId: toSessionId })
    .where(
      and(
        eq(deviceKeys.userId, userId),
        eq(deviceKeys.sessionId, fromSessionId),
        isNull(deviceKeys.revokedAt),
      ),
    );
}

/**
 * One audit entry for the keys a revocation reached (ids only: a key never goes to the log).
 * Nothing when none was live, as nothing was revoked.
 */
export async function auditDeviceKeyRevocation(
  db: Database,
  c: Context,
  event: { actorId: string | null; userId: string; reason: DeviceKeyRevocation; ids: string[] },
): Promise<void> {
  if (event.ids.length === 0) return;
  await recordAudit(db, c, {
    actorId: event.actorId,
    action: "device-key.revoke",
    outcome: "success",
    details: { userId: event.userId, reason: event.reason, deviceKeys: event.ids },
  });
}
