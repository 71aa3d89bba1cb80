/**
 * The data key of each person whose copy is open in this page, in memory only: it is never
 * written anywhere in the clear, so a reload or a closed tab locks the copy again
 * (docs/decisions/0029-device-copy-lock.md).
 */
const openKeys = new Map<string, Uint8Array>();

/** Thrown by the device database when a person's copy is read or written while it is locked. */
export class CopyLockedError extends Error {
  override name = "CopyLockedError";
  constructor(userId: string) {
    super(`The device's copy of ${userId} is locked`);
  }
}

export function setDataKey(userId: string, key: Uint8Array): void {
  openKeys.set(userId, key);
}

export function dataKeyOf(userId: string): Uint8Array | undefined {
  return openKeys.get(userId);
}

export function isCopyOpen(userId: string): boolean {
  return openKeys.has(userId);
}

/**
 * Locks `userId`'s copy (or every copy, or every copy but `except`'s): the key's bytes are
 * overwritten, then dropped.
 */
export function forgetDataKey(userId?: string, except?: string): void {
  for (const [id, key] of openKeys) {
    if ((userId !== undefined && id !== userId) || id === except) continue;
    key.fill(0);
    openKeys.delete(id);
  }
}
