/**
 * Who last signed in on this device, kept in localStorage so that an offline reload can open
 * the right database. It holds an opaque user id and a flag, never health data.
 */
/** Exported for user-database.ts, and tab-follow.ts where BroadcastChannel is missing. */
export const lastUserKey = "hearth.lastUserId";
const signOutPendingKey = "hearth.signOutPending";
const sharedDeviceKey = "hearth.sharedDevice";
/** Accounts whose unsent writes wait here for them (kept-writes.ts): ids and times only. */
export const keptWritesKey = "hearth.keptWrites";

/** Each person gets their own IndexedDB database, so one person's data never mixes with another's. */
export function databaseNameFor(userId: string): string {
  return `hearth-${userId}`;
}

export function lastUserId(): string | undefined {
  return read(lastUserKey) ?? undefined;
}

export function rememberLastUser(userId: string): void {
  write(lastUserKey, userId);
}

export function forgetLastUser(): void {
  remove(lastUserKey);
}

/**
 * Set when signing out could not reach the server: the device is already wiped, but the
 * session cookie may still be valid, so the next start ends it before asking who is signed in.
 */
export function isSignOutPending(): boolean {
  return read(signOutPendingKey) === "1";
}

export function setSignOutPending(pending: boolean): void {
  if (pending) write(signOutPendingKey, "1");
  else remove(signOutPendingKey);
}

/**
 * "This is a shared or public device", as chosen at sign-in. On such a device nothing is kept
 * once the session is over: not after sign-out, not after the session ends, not for an offline
 * start, and storage is never made persistent (docs/abuse-cases.md 25).
 */
export function isSharedDevice(): boolean {
  return read(sharedDeviceKey) === "1";
}

export function setSharedDevice(shared: boolean): void {
  if (shared) write(sharedDeviceKey, "1");
  else remove(sharedDeviceKey);
}

/** Whether any account's writes are kept here, without loading kept-writes.ts to find out. */
export function hasKeptWrites(): boolean {
  return read(keptWritesKey) !== null;
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage switched off: offline reload will not work, everything else will.
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was stored.
  }
}
