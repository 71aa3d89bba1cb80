import Dexie from "dexie";
import type { ErrorCode } from "../../../shared/errors.ts";
import { createDeviceKey, openDeviceKey } from "../../api/device-keys.ts";
import type { RequestOptions } from "../../api/request.ts";
import { databaseNameFor } from "../device-user.ts";
import { forgetUser } from "../forget-user.ts";
import { openUserDatabase } from "../open-database.ts";
import { type CopyLock, closeUserDatabase, type UserDatabase } from "../user-database.ts";
import { dataKeyOf, forgetDataKey, setDataKey } from "./data-key.ts";
import { isPinShaped, pinKdf, pinWrappingKey } from "./pin-key.ts";
import { fromBase64Url, newDataKey, unwrapKey, wrapKey } from "./wrap.ts";

/**
 * Opening and locking a person's device copy (docs/decisions/0029-device-copy-lock.md). The
 * copy's data key lives in memory while it is open (data-key.ts); at rest it is only ever
 * wrapped: by the device key the server keeps for this device, and by the person's PIN or
 * passkey if they set one.
 */

export type UnlockMethod = "pin" | "passkey";

/** Wrong PINs in a row that delete the copy (ADR 29). */
export const maxWrongPins = 5;

export type OnlineOpening =
  | { outcome: "opened" }
  /** The server refused this device's key (AUTH-148): the copy is deleted. */
  | { outcome: "revoked" }
  | { outcome: "failed"; code: ErrorCode };

/**
 * Online, signed in: opens `userId`'s copy with the server's key, with no prompt; a device
 * with no copy yet gets a new data key and a device key for it. A device the server has cut
 * off is wiped, and starts again with an empty copy.
 */
export async function openCopyOnline(
  userId: string,
  options?: RequestOptions,
): Promise<OnlineOpening> {
  const lock = await readLock(userId);
  if (!lock) return startCopy(userId, options);
  // Asked even when the copy is already open in this page, so a revocation reaches it now.
  const answer = await openDeviceKey(lock.deviceKeyId, options);
  if (!answer.ok) {
    if (answer.code !== "AUTH-148") {
      return dataKeyOf(userId) ? { outcome: "opened" } : { outcome: "failed", code: answer.code };
    }
    await wipeCopy(userId);
    const fresh = await startCopy(userId, options);
    return fresh.outcome === "opened" ? { outcome: "revoked" } : fresh;
  }
  if (dataKeyOf(userId)) return { outcome: "opened" };
  const dataKey = await unwrapKey(fromBase64Url(answer.data.key), lock.byServer);
  if (!dataKey) return { outcome: "failed", code: "SRV-501" };
  setDataKey(userId, dataKey);
  return { outcome: "opened" };
}

/**
 * The session is gone (AUTH-102): the copy locks in this page, and if the server has cut this
 * device off (sign out everywhere, a password change, support, removed from the list) it is
 * deleted at once. Answers whether it was deleted.
 */
export async function lockCopyAfterSessionEnd(
  userId: string,
  options?: RequestOptions,
): Promise<boolean> {
  forgetDataKey(userId);
  const lock = await existingLock(userId);
  if (!lock) return false;
  const answer = await openDeviceKey(lock.deviceKeyId, options);
  if (answer.ok || answer.code !== "AUTH-148") return false;
  await wipeCopy(userId);
  return true;
}

/**
 * How the person can open the copy without the server (PIN, passkey, or neither), or undefined
 * when this device holds no copy for `userId` — asked without creating an empty one.
 */
export async function copyUnlocks(userId: string): Promise<UnlockMethod[] | undefined> {
  const lock = await existingLock(userId);
  return lock && methodsOf(lock);
}

/** How the person can open the copy without the server: PIN, passkey, or neither. */
export async function unlockMethods(userId: string): Promise<UnlockMethod[]> {
  return (await copyUnlocks(userId)) ?? [];
}

function methodsOf(lock: CopyLock): UnlockMethod[] {
  return [
    ...(lock.byPin ? (["pin"] as const) : []),
    ...(lock.byPasskey ? (["passkey"] as const) : []),
  ];
}

export type PinUnlock =
  | { outcome: "opened" }
  | { outcome: "wrong"; attemptsLeft: number }
  /** The last allowed wrong PIN: the copy is deleted. */
  | { outcome: "wiped" }
  | { outcome: "no-pin" };

/** Opens the copy with the PIN; the fifth wrong PIN in a row deletes it. */
export async function unlockWithPin(userId: string, pin: string): Promise<PinUnlock> {
  const db = await database(userId);
  const lock = await db.lock.get("lock");
  if (!lock?.byPin) return { outcome: "no-pin" };
  const wrapping = await pinWrappingKey(pin, lock.byPin.salt, lock.byPin);
  const dataKey = await unwrapKey(wrapping, lock.byPin);
  wrapping.fill(0);
  if (dataKey) {
    await db.lock.update("lock", { failedPins: 0 });
    setDataKey(userId, dataKey);
    return { outcome: "opened" };
  }
  const failed = lock.failedPins + 1;
  if (failed >= maxWrongPins) {
    await wipeCopy(userId);
    return { outcome: "wiped" };
  }
  await db.lock.update("lock", { failedPins: failed });
  return { outcome: "wrong", attemptsLeft: maxWrongPins - failed };
}

/** Sets (or changes) the PIN of an open copy. */
export async function setPin(userId: string, pin: string): Promise<void> {
  if (!isPinShaped(pin)) throw new Error("A PIN is 6 to 12 digits");
  const dataKey = openKey(userId);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const wrapping = await pinWrappingKey(pin, salt, pinKdf);
  const wrapped = await wrapKey(wrapping, dataKey);
  wrapping.fill(0);
  const db = await database(userId);
  await db.lock.update("lock", { byPin: { ...wrapped, salt, ...pinKdf }, failedPins: 0 });
}

/** Keeps the data key wrapped by a passkey's PRF output (passkey-lock.ts makes `wrapping`). */
export async function setPasskeyWrap(
  userId: string,
  credentialId: string,
  salt: Uint8Array,
  wrapping: Uint8Array,
): Promise<void> {
  const wrapped = await wrapKey(wrapping, openKey(userId));
  const db = await database(userId);
  await db.lock.update("lock", { byPasskey: { ...wrapped, credentialId, salt } });
}

/** Opens the copy with a passkey's PRF output; false if it is not the passkey's. */
export async function unlockWithPasskeyOutput(
  userId: string,
  wrapping: Uint8Array,
): Promise<boolean> {
  const lock = await readLock(userId);
  if (!lock?.byPasskey) return false;
  const dataKey = await unwrapKey(wrapping, lock.byPasskey);
  if (!dataKey) return false;
  setDataKey(userId, dataKey);
  return true;
}

export async function passkeyOfLock(
  userId: string,
): Promise<{ credentialId: string; salt: Uint8Array } | undefined> {
  const lock = await readLock(userId);
  return (
    lock?.byPasskey && { credentialId: lock.byPasskey.credentialId, salt: lock.byPasskey.salt }
  );
}

/** Takes away the offline unlocks: the copy then opens only online, with the server's key. */
export async function removeUnlocks(userId: string): Promise<void> {
  const db = await database(userId);
  await db.lock.update("lock", { byPin: undefined, byPasskey: undefined, failedPins: 0 });
}

/** Deletes the copy, outbox included: the key first, then the database. */
export async function wipeCopy(userId: string): Promise<void> {
  forgetDataKey(userId);
  closeUserDatabase();
  await forgetUser(userId);
}

async function startCopy(userId: string, options?: RequestOptions): Promise<OnlineOpening> {
  const created = await createDeviceKey(options);
  if (!created.ok) return { outcome: "failed", code: created.code };
  const dataKey = newDataKey();
  const lock: CopyLock = {
    id: "lock",
    deviceKeyId: created.data.id,
    byServer: await wrapKey(fromBase64Url(created.data.key), dataKey),
    failedPins: 0,
    createdAt: new Date().toISOString(),
  };
  const db = await database(userId);
  setDataKey(userId, dataKey);
  // Writes queued before this version of Hearth (or before the key existed) were saved in the
  // clear: written back, they are sealed.
  await db.transaction("rw", db.lock, db.outbox, async () => {
    await db.outbox.bulkPut(await db.outbox.toArray());
    await db.lock.put(lock);
  });
  return { outcome: "opened" };
}

/** The lock of a copy this device holds; never creates a database for `userId`. */
async function existingLock(userId: string): Promise<CopyLock | undefined> {
  if (!(await Dexie.exists(databaseNameFor(userId)))) return undefined;
  return readLock(userId);
}

async function readLock(userId: string): Promise<CopyLock | undefined> {
  return (await database(userId)).lock.get("lock");
}

async function database(userId: string): Promise<UserDatabase> {
  return (await openUserDatabase(userId)).db;
}

function openKey(userId: string): Uint8Array {
  const key = dataKeyOf(userId);
  if (!key) throw new Error("The copy is locked");
  return key;
}
