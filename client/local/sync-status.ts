import { liveQuery } from "dexie";
import { type Accessor, createEffect, createSignal, onCleanup } from "solid-js";
import type { ErrorCode } from "../../shared/errors.ts";
import { online } from "./connectivity.ts";
import { countPending } from "./outbox.ts";
import type { SyncState, UserDatabase } from "./user-database.ts";

/**
 * What a person is told about their data on this device, one of the four sentences
 * (plus "getting your information" before the first sync finishes):
 * "Up to date", "Offline — showing saved information (updated 10:42)", "Sending 2 changes…",
 * "Couldn't sync — error code …"; and, online but with the server out of reach, "Hearth
 * cannot reach the server — trying again" (ADR 29: not "Offline" while the browser is
 * online, for the engine is retrying).
 *
 * `offline` without `syncedAt` (no sync has finished yet) says "nothing saved" only when
 * `holdsRecords` is false: a first sync cut off part-way leaves the pages it got.
 */
export type SyncStatus =
  | { kind: "up-to-date"; syncedAt: string }
  | { kind: "offline"; syncedAt?: string; pending: number; holdsRecords: boolean }
  | { kind: "retrying"; syncedAt?: string; pending: number }
  | { kind: "sending"; pending: number }
  | { kind: "syncing" }
  | { kind: "failed"; code: ErrorCode; syncedAt?: string };

/**
 * Codes that mean "the server could not be reached" (no answer, no answer in time, a gateway
 * saying it is down), as opposed to "something is wrong". A fetch that fails while the browser
 * is online is NET-601 too (client/api/request.ts), so these say "offline" only when the
 * browser does.
 */
const unreachableCodes: ReadonlySet<ErrorCode> = new Set(["NET-601", "NET-602", "SRV-502"]);

/** The status from what the device knows; pure, so every tab derives the same one. */
export function describeSyncStatus(input: {
  online: boolean;
  state: SyncState | undefined;
  pending: number;
  /** Whether the device holds any of the record; only asked when no sync has finished. */
  holdsRecords?: boolean;
}): SyncStatus {
  const { state, pending } = input;
  const syncedAt = state?.lastSyncedAt;
  const error = state?.lastError;
  if (!input.online) {
    const holdsRecords = syncedAt !== undefined || input.holdsRecords === true;
    return syncedAt
      ? { kind: "offline", syncedAt, pending, holdsRecords }
      : { kind: "offline", pending, holdsRecords };
  }
  if (error && unreachableCodes.has(error)) {
    return syncedAt ? { kind: "retrying", syncedAt, pending } : { kind: "retrying", pending };
  }
  if (error)
    return syncedAt ? { kind: "failed", code: error, syncedAt } : { kind: "failed", code: error };
  if (pending > 0) return { kind: "sending", pending };
  return syncedAt ? { kind: "up-to-date", syncedAt } : { kind: "syncing" };
}

/** What `describeSyncStatus` needs from the device's database, apart from the network. */
export async function syncStatusInputs(db: UserDatabase, userId: string) {
  const state = await db.syncState.get("sync");
  return {
    state,
    pending: await countPending(db, userId),
    // Asked only before the first sync has finished, so that pages landing later do not wake
    // a liveQuery over this; one key read, not a count of thousands of rows.
    holdsRecords: state?.lastSyncedAt ? true : (await db.resources.limit(1).count()) > 0,
  };
}

/**
 * The status as a signal that follows this tab's and every other tab's changes (Dexie
 * liveQuery) and the network. Needs a reactive owner.
 *
 * A change of network reads the device again, and the status takes the new network state only
 * with that read: the liveQuery may not yet have caught up with a write that has just landed
 * (a first sync's page, then the network gone), and "no information is saved yet" must not be
 * said, even for a moment, of a device that holds some.
 */
export function createSyncStatus(
  db: UserDatabase,
  userId: string,
): Accessor<SyncStatus | undefined> {
  const [stored, setStored] = createSignal<
    (Awaited<ReturnType<typeof syncStatusInputs>> & { online: boolean }) | undefined
  >();
  createEffect(() => {
    const isOnline = online();
    const reading = liveQuery(() => syncStatusInputs(db, userId)).subscribe({
      next: (inputs) => setStored({ ...inputs, online: isOnline }),
    });
    onCleanup(() => reading.unsubscribe());
  });
  return () => {
    const current = stored();
    return current && describeSyncStatus(current);
  };
}

/** A key that changes when, and only when, the sentence a person hears changes. */
export function statusAnnouncementKey(status: SyncStatus): string {
  switch (status.kind) {
    case "offline":
      return `offline:${status.syncedAt ? "saved" : status.holdsRecords ? "partial" : "none"}:${status.pending > 0}`;
    // Heard once when the server goes out of reach, not again as the writes waiting change: the
    // sentence does not count them, and the retries themselves change nothing a person hears.
    case "retrying":
      return `retrying:${status.syncedAt !== undefined}`;
    case "sending":
      return `sending:${status.pending}`;
    case "failed":
      return `failed:${status.code}`;
    default:
      return status.kind;
  }
}
