/**
 * Counts changes still waiting in an outbox on this device, in every Hearth database.
 *
 * The sync outbox (ADR 13) is the `outbox` store that client/local/outbox.ts writes. This
 * reads it with plain IndexedDB rather than through Dexie and `countPending`: a reset deletes
 * every person's database on the device, not only the signed-in one's, and it must work when
 * the database cannot be opened by the app (which is often why someone resets). Pending and
 * rejected entries are both counted: a reset loses both.
 */
export const outboxStoreName = "outbox";

export async function countUnsentChanges(): Promise<number> {
  if (typeof indexedDB === "undefined" || !indexedDB.databases) return 0;
  const databases = await indexedDB.databases();
  const counts = await Promise.all(
    databases.map((info) => (info.name ? countOutbox(info.name) : Promise.resolve(0))),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

function countOutbox(name: string): Promise<number> {
  return new Promise((resolve) => {
    // No version: opens the database as it is, never creating or upgrading it.
    const opening = indexedDB.open(name);
    opening.onerror = () => resolve(0);
    opening.onblocked = () => resolve(0);
    opening.onsuccess = () => {
      const db = opening.result;
      if (!db.objectStoreNames.contains(outboxStoreName)) {
        db.close();
        return resolve(0);
      }
      const counting = db.transaction(outboxStoreName).objectStore(outboxStoreName).count();
      counting.onsuccess = () => {
        db.close();
        resolve(counting.result);
      };
      counting.onerror = () => {
        db.close();
        resolve(0);
      };
    };
  });
}
