import Dexie from "dexie";
import { databaseNameFor } from "./device-user.ts";
import { sealedField } from "./lock/sealing-middleware.ts";
import { closeUserDatabase, type UserDatabase, userDatabase } from "./user-database.ts";

/**
 * Opens the user's database. If it cannot be opened or upgraded (a broken upgrade, a copy
 * written by a newer version of Hearth, a corrupted store), the copy of the record is
 * worthless but the outbox and drafts are not: read them with plain IndexedDB, delete the
 * database, make a new one, put them back, and let the next pull fetch the record again
 * (docs/decisions/0013-sync-protocol.md).
 *
 * They are sealed with the copy's data key (lock/sealing-middleware.ts), so the `lock` row that
 * keeps that key wrapped goes across with them, and all of them go as stored: the copy may be
 * locked now, and sealing sealed rows again through the middleware would lose what they hold.
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
    const kept = await readKept(name, userId);
    await Dexie.delete(name);
    const fresh = userDatabase(userId);
    await fresh.open();
    await putKept(fresh.backendDB(), kept);
    return { db: fresh, rebuilt: true };
  }
}

/** What a rebuild keeps, row by row as stored (sealed or not), by store. */
type Kept = Record<KeptStore, unknown[]>;
type KeptStore = "outbox" | "lock" | "drafts";

function keptRows(userId: string): Record<KeptStore, (row: unknown) => boolean> {
  return {
    // Only the owner's writes: this database is theirs alone (docs/abuse-cases.md 13).
    outbox: (row) => isOutboxRow(row) && row.author === userId,
    lock: isLockRow,
    drafts: (row) => typeof field(row, "key") === "string",
  };
}

/** The kept stores as stored, whatever the rest of the database looks like; none if unreadable. */
function readKept(name: string, userId: string): Promise<Kept> {
  const keeps = keptRows(userId);
  const kept: Kept = { outbox: [], lock: [], drafts: [] };
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      // No version: open whatever is there, without upgrading it.
      request = indexedDB.open(name);
    } catch {
      return resolve(kept);
    }
    request.onerror = () => resolve(kept);
    request.onsuccess = () => {
      const idb = request.result;
      const done = () => {
        idb.close();
        resolve(kept);
      };
      const stores = (Object.keys(keeps) as KeptStore[]).filter((store) =>
        idb.objectStoreNames.contains(store),
      );
      if (stores.length === 0) return done();
      try {
        const tx = idb.transaction(stores, "readonly");
        for (const store of stores) {
          const all = tx.objectStore(store).getAll();
          all.onsuccess = () => {
            kept[store] = (all.result as unknown[]).filter(keeps[store]);
          };
        }
        tx.oncomplete = () => {
          // Sealed rows whose lock is gone can never be opened, and a new key would fail on
          // them at every read: only rows in the clear (saved before the lock) go across.
          if (kept.lock.length === 0) {
            kept.outbox = kept.outbox.filter(isClear);
            kept.drafts = kept.drafts.filter(isClear);
          }
          done();
        };
        // One unreadable store loses them all: rows sealed without their lock are no use.
        tx.onerror = tx.onabort = () => {
          kept.outbox = kept.lock = kept.drafts = [];
          done();
        };
      } catch {
        done();
      }
    };
  });
}

/** Puts the kept rows back as they were, beneath the sealing middleware, in one transaction. */
function putKept(idb: IDBDatabase, kept: Kept): Promise<void> {
  const stores = (Object.keys(kept) as KeptStore[]).filter((store) => kept[store].length > 0);
  if (stores.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(stores, "readwrite");
    for (const store of stores) {
      for (const row of kept[store]) tx.objectStore(store).put(row);
    }
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

function isClear(row: unknown): boolean {
  return field(row, sealedField) === undefined;
}

function field(row: unknown, name: string): unknown {
  return typeof row === "object" && row !== null
    ? (row as Record<string, unknown>)[name]
    : undefined;
}

/** The plain fields of a queued write (lock/sealing-middleware.ts keeps them readable). */
function isOutboxRow(row: unknown): row is { author: string } {
  const state = field(row, "state");
  return (
    typeof field(row, "id") === "string" &&
    typeof field(row, "name") === "string" &&
    typeof field(row, "author") === "string" &&
    (state === "pending" || state === "rejected")
  );
}

function isLockRow(row: unknown): boolean {
  const byServer = field(row, "byServer");
  return (
    field(row, "id") === "lock" &&
    typeof field(row, "deviceKeyId") === "string" &&
    ArrayBuffer.isView(field(byServer, "iv")) &&
    ArrayBuffer.isView(field(byServer, "data"))
  );
}
