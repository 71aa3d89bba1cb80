import { databaseNameFor, forgetLastUser } from "./device-user.ts";
import { tellOtherTabs } from "./tab-signal.ts";

/** Workbox's precache holds only the app shell (no personal data), so it survives sign-out. */
const precachePrefix = "workbox-precache";

/**
 * Removes everything this device holds for `userId`: their IndexedDB database, the
 * last-user entry, and every Cache Storage cache that could hold API answers.
 *
 * Plain IndexedDB rather than Dexie, so that the sign-in page (which calls this when a
 * session has ended) does not download Dexie.
 */
export async function forgetUser(userId: string): Promise<void> {
  forgetLastUser();
  // Other tabs close their handle first, so the deletion is not blocked, and stop showing it.
  tellOtherTabs({ kind: "wiped", userId });
  await Promise.all([deleteUserDatabase(userId), deleteUserCaches()]);
}

/** `userId`'s database alone (a kept outbox past its limit: kept-writes.ts). */
export function deleteUserDatabase(userId: string): Promise<void> {
  return deleteDatabase(databaseNameFor(userId));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve();
    const deletion = indexedDB.deleteDatabase(name);
    // Resolve on error too: sign-out must finish; a failed delete leaves nothing readable
    // to a new user, whose own database has a different name.
    deletion.onsuccess = deletion.onerror = () => resolve();
    // "blocked" means another tab still has it open; its versionchange handler closes it,
    // after which the deletion goes ahead and `onsuccess` fires.
  });
}

/** Every cache but the app shell's: API answers could hold personal data. */
export async function deleteUserCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => !name.startsWith(precachePrefix)).map((name) => caches.delete(name)),
  );
}
