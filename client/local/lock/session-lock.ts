import {
  copyUnlocks,
  lockCopyAfterSessionEnd,
  type OnlineOpening,
  openCopyOnline,
  type UnlockMethod,
} from "./copy-lock.ts";
import { forgetDataKey, isCopyOpen } from "./data-key.ts";

/**
 * What the session (client/local/session.ts) asks of the device copy's lock, in one module that
 * loads with Dexie: the sign-in page's first download never carries it.
 */

export { forgetDataKey as lockCopy, isCopyOpen };

/** Signing in: the previous person's copy locks; this person's opens with the server's key. */
export function openOnSignIn(userId: string, previous: string | undefined): Promise<OnlineOpening> {
  if (previous && previous !== userId) forgetDataKey(previous);
  return openCopyOnline(userId);
}

/** The session ended: the copy locks; true if the server cut the device off and it is gone. */
export function lockOnSessionEnd(userId: string): Promise<boolean> {
  return lockCopyAfterSessionEnd(userId);
}

/**
 * Offline start: "open" if this page still holds the key, else how the copy can be unlocked
 * here ([] when it cannot be), or "none" when the device holds no copy for `userId`.
 */
export async function offlineOpening(userId: string): Promise<"open" | "none" | UnlockMethod[]> {
  if (isCopyOpen(userId)) return "open";
  return (await copyUnlocks(userId)) ?? "none";
}
