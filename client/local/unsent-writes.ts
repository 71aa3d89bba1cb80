import type { MutationName } from "../../shared/contracts/sync.ts";
import { databaseNameFor } from "./device-user.ts";

/**
 * A write of this person's that has not reached the server: pending and not yet applied, or
 * refused by the server and not yet seen by the person (outbox.ts keeps those until they are,
 * so they are as much "not sent" as a pending one: deleting them would lose a write the person
 * still believes is on its way). Only plain fields, so it can be read without the data key.
 */
export interface UnsentWrite {
  seq: number;
  name: MutationName;
  state: "pending" | "rejected";
  createdAt: string;
}

/** What the sign-out dialog names: one kind of write, and how many of it. */
export type UnsentKind =
  | "message"
  | "messageRead"
  | "booking"
  | "cancellation"
  | "reschedule"
  | "checkIn"
  | "language";

const kindOf: Record<MutationName, UnsentKind> = {
  "message.send": "message",
  "message.markRead": "messageRead",
  "appointment.book": "booking",
  "appointment.cancel": "cancellation",
  "appointment.reschedule": "reschedule",
  "appointment.checkIn": "checkIn",
  "profile.setLanguage": "language",
};

export interface UnsentSummary {
  total: number;
  /** In the order the person made them (first write of each kind first). */
  kinds: { kind: UnsentKind; count: number }[];
}

/** @example summarizeUnsent(writes) // { total: 2, kinds: [{ kind: "message", count: 2 }] } */
export function summarizeUnsent(writes: readonly UnsentWrite[]): UnsentSummary {
  const counts = new Map<UnsentKind, number>();
  for (const write of [...writes].sort((a, b) => a.seq - b.seq)) {
    const kind = kindOf[write.name] ?? "message";
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return {
    total: writes.length,
    kinds: [...counts].map(([kind, count]) => ({ kind, count })),
  };
}

/**
 * The tables a kept database gives up: the copy of the record and all that describes it. The
 * outbox and drafts stay, and so does any table not named here (the lock's wrapped key among
 * them, without which a kept outbox could not be opened again).
 */
const droppedWhenKept = [
  "resources",
  "patients",
  "cursors",
  "profile",
  "bookingOptions",
  "viewedResults",
  "syncState",
] as const;

/** `author`'s unsent writes in their database on this device; [] if there is none. */
export async function readUnsent(author: string): Promise<UnsentWrite[]> {
  const idb = await openExisting(databaseNameFor(author));
  if (!idb) return [];
  try {
    if (!idb.objectStoreNames.contains("outbox")) return [];
    const rows = await request<unknown[]>(
      idb.transaction("outbox", "readonly").objectStore("outbox").getAll(),
    );
    return rows.flatMap((row) => {
      const write = unsentOf(row, author);
      return write ? [write] : [];
    });
  } catch {
    return [];
  } finally {
    idb.close();
  }
}

/**
 * Empties `author`'s database of everything but their unsent writes and drafts, in one
 * transaction: the record goes, as at any sign-out; what they wrote waits for their next
 * sign-in, bound to them (it is in their database, and outbox.ts sends only the signed-in
 * author's entries). Plain IndexedDB: no data key is needed to read the plain fields and clear
 * tables, and the sign-in page does not download Dexie. Answers how many writes were kept.
 */
export async function keepOnlyUnsent(author: string): Promise<number> {
  const idb = await openExisting(databaseNameFor(author));
  if (!idb) return 0;
  try {
    const names = [...droppedWhenKept, "outbox"].filter((name) =>
      idb.objectStoreNames.contains(name),
    );
    if (names.length === 0) return 0;
    const tx = idb.transaction(names, "readwrite");
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    for (const name of droppedWhenKept) if (names.includes(name)) tx.objectStore(name).clear();
    let kept = 0;
    if (names.includes("outbox")) {
      const outbox = tx.objectStore("outbox");
      const rows = await request<unknown[]>(outbox.getAll());
      const keys = await request<IDBValidKey[]>(outbox.getAllKeys());
      rows.forEach((row, index) => {
        if (unsentOf(row, author)) kept++;
        else {
          const key = keys[index];
          if (key !== undefined) outbox.delete(key);
        }
      });
    }
    await done;
    return kept;
  } catch {
    return 0;
  } finally {
    idb.close();
  }
}

function unsentOf(row: unknown, author: string): UnsentWrite | undefined {
  if (typeof row !== "object" || row === null) return undefined;
  const entry = row as Record<string, unknown>;
  if (entry.author !== author || typeof entry.seq !== "number") return undefined;
  const unsent = entry.state === "rejected" || (entry.state === "pending" && !entry.applied);
  if (!unsent) return undefined;
  return {
    seq: entry.seq,
    name: entry.name as MutationName,
    state: entry.state as UnsentWrite["state"],
    createdAt: typeof entry.createdAt === "string" ? entry.createdAt : "",
  };
}

/** Opens `name` as it is, without creating it when it does not exist. */
function openExisting(name: string): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(undefined);
    let opening: IDBOpenDBRequest;
    try {
      opening = indexedDB.open(name);
    } catch {
      return resolve(undefined);
    }
    // An upgrade on a versionless open means the database did not exist: undo its creation.
    opening.onupgradeneeded = () => opening.transaction?.abort();
    opening.onerror = () => resolve(undefined);
    opening.onblocked = () => resolve(undefined);
    opening.onsuccess = () => {
      const idb = opening.result;
      // Another tab upgrading or deleting it: step aside rather than block it.
      idb.onversionchange = () => idb.close();
      resolve(idb);
    };
  });
}

function request<T>(req: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error);
  });
}
