import Dexie from "dexie";
import { databaseNameFor } from "./device-user.ts";
import {
  closeUserDatabase,
  type OutboxEntry,
  type UserDatabase,
  userDatabase,
} from "./user-database.ts";

/**
 * Opens the user's database. If it cannot be opened or upgraded (a broken upgrade, a copy
 * written by a newer version of Hearth, a corrupted store), the copy of the record is
 * worthless but the outbox is not: read the outbox with plain IndexedDB, delete the database,
 * make a new one, put the outbox back, and let the next pull fetch the record again
 * (docs/decisions/0013-sync-protocol.md).
 *
 * Answers the open database and whether it had to be rebuilt; rejects only when IndexedDB
 * itself is unusable (a private window that forbids it: DEV-701).
 */
export async function openUserDatabase(
  userId: string,
): Promise<{ db: UserDatabase; rebuilt: boolean }> {
  const db = userDatabase(userId);
  try {
    await db.open();
    return { db, rebuilt: false };
  } catch {
    const name = databaseNameFor(userId);
    closeUserDatabase();
    const kept = (await readOutbox(name)).filter((entry) => entry.author === userId);
    await Dexie.delete(name);
    const fresh = userDatabase(userId);
    await fresh.open();
    if (kept.length > 0) await fresh.outbox.bulkPut(kept);
    return { db: fresh, rebuilt: true };
  }
}

/** The outbox as stored, whatever the rest of the database looks like; [] if unreadable. */
function readOutbox(name: string): Promise<OutboxEntry[]> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: open whatever is there, without upgrading it.
      request = indexedDB.open(name);
    } catch {
      return resolve([]);
    }
    request.onerror = () => resolve([]);
    request.onsuccess = () => {
      const idb = request.result;
      const done = (entries: OutboxEntry[]) => {
        idb.close();
        resolve(entries);
      };
      if (!idb.objectStoreNames.contains("outbox")) return done([]);
      try {
        const all = idb.transaction("outbox", "readonly").objectStore("outbox").getAll();
        all.onsuccess = () => done((all.result as unknown[]).filter(isOutboxEntry));
        all.onerror = () => done([]);
      } catch {
        done([]);
      }
    };
  });
}

function isOutboxEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === "string" &&
    typeof entry.name === "string" &&
    typeof entry.author === "string" &&
    (entry.state === "pending" || entry.state === "rejected")
  );
}
