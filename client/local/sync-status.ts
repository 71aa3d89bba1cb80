import { liveQuery } from "dexie";
import { type Accessor, from } from "solid-js";
import type { ErrorCode } from "../../shared/errors.ts";
import { online } from "./connectivity.ts";
import { countPending } from "./outbox.ts";
import type { SyncState, UserDatabase } from "./user-database.ts";

/**
 * What a person is told about their data on this device, one of the four sentences
 * (plus "getting your information" before the first sync finishes):
 * "Up to date", "Offline — showing saved information (updated 10:42)", "Sending 2 changes…",
 * "Couldn't sync — error code …".
 */
export type SyncStatus =
  | { kind: "up-to-date"; syncedAt: string }
  | { kind: "offline"; syncedAt?: string; pending: number }
  | { kind: "sending"; pending: number }
  | { kind: "syncing" }
  | { kind: "failed"; code: ErrorCode; syncedAt?: string };

/** Codes that mean "no connection", as opposed to "something is wrong". */
const offlineCodes: ReadonlySet<ErrorCode> = new Set(["NET-601", "NET-602"]);

/** The status from what the device knows; pure, so every tab derives the same one. */
export function describeSyncStatus(input: {
  online: boolean;
  state: SyncState | undefined;
  pending: number;
}): SyncStatus {
  const { state, pending } = input;
  const syncedAt = state?.lastSyncedAt;
  const error = state?.lastError;
  if (!input.online || (error && offlineCodes.has(error))) {
    return syncedAt ? { kind: "offline", syncedAt, pending } : { kind: "offline", pending };
  }
  if (error)
    return syncedAt ? { kind: "failed", code: error, syncedAt } : { kind: "failed", code: error };
  if (pending > 0) return { kind: "sending", pending };
  return syncedAt ? { kind: "up-to-date", syncedAt } : { kind: "syncing" };
}

/**
 * The status as a signal that follows this tab's and every other tab's changes (Dexie
 * liveQuery) and the network. Needs a reactive owner.
 */
export function createSyncStatus(
  db: UserDatabase,
  userId: string,
): Accessor<SyncStatus | undefined> {
  const stored = from(
    liveQuery(async () => ({
      state: await db.syncState.get("sync"),
      pending: await countPending(db, userId),
    })),
  );
  return () => {
    const current = stored();
    return current && describeSyncStatus({ online: online(), ...current });
  };
}

/** A key that changes when, and only when, the sentence a person hears changes. */
export function statusAnnouncementKey(status: SyncStatus): string {
  switch (status.kind) {
    case "offline":
      return `offline:${status.pending > 0}`;
    case "sending":
      return `sending:${status.pending}`;
    case "failed":
      return `failed:${status.code}`;
    default:
      return status.kind;
  }
}
