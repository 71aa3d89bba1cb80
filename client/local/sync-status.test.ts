import Dexie from "dexie";
import { createEffect, createRoot } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openTestCopy } from "../test/device-copy.ts";
import { row } from "../test/resource-row.ts";
import { syncStatusText } from "../ui/sync-status-banner.tsx";
import { rememberLastUser } from "./device-user.ts";
import {
  createSyncStatus,
  describeSyncStatus,
  type SyncStatus,
  statusAnnouncementKey,
} from "./sync-status.ts";
import { closeUserDatabase, userDatabase } from "./user-database.ts";

const synced = {
  key: "sync" as const,
  runsStarted: 3,
  lastCompletedRun: 3,
  lastSyncedAt: "2026-11-25T10:42:00.000Z",
};

describe("the sync status", () => {
  it("says each of the four things the person needs to know", () => {
    const at = (input: Parameters<typeof describeSyncStatus>[0]) =>
      syncStatusText(describeSyncStatus(input));
    expect(at({ online: true, state: synced, pending: 0 })).toBe("Up to date");
    expect(at({ online: false, state: synced, pending: 0 })).toMatch(
      /^Offline — showing saved information \(updated .*\d{1,2}:42.*\)$/,
    );
    expect(at({ online: true, state: synced, pending: 2 })).toBe("Sending 2 changes…");
    expect(at({ online: true, state: synced, pending: 1 })).toBe("Sending 1 change…");
    expect(at({ online: true, state: { ...synced, lastError: "SRV-501" }, pending: 2 })).toBe(
      "Couldn't sync — error code SRV-501",
    );
  });

  it("says a first sync is getting the information", () => {
    expect(describeSyncStatus({ online: true, state: undefined, pending: 0 })).toEqual({
      kind: "syncing",
    });
  });

  it("online, says the server cannot be reached and is being tried again, not 'Offline'", () => {
    for (const code of ["NET-601", "NET-602", "SRV-502"] as const) {
      const state = { ...synced, lastError: code };
      expect(describeSyncStatus({ online: true, state, pending: 1 })).toEqual({
        kind: "retrying",
        syncedAt: synced.lastSyncedAt,
        pending: 1,
      });
      expect(syncStatusText(describeSyncStatus({ online: true, state, pending: 0 }))).toMatch(
        /^Hearth cannot reach the server — trying again \(showing information updated .*\d{1,2}:42.*\)$/,
      );
    }
    const never = { key: "sync" as const, runsStarted: 1, lastCompletedRun: 0 };
    const first = describeSyncStatus({
      online: true,
      state: { ...never, lastError: "NET-601" },
      pending: 0,
    });
    expect(first).toEqual({ kind: "retrying", pending: 0 });
    expect(syncStatusText(first)).toBe("Hearth cannot reach the server — trying again");
    // Something wrong with the server's answer is a failure with its code, not "unreachable".
    expect(
      describeSyncStatus({ online: true, state: { ...synced, lastError: "SRV-501" }, pending: 0 }),
    ).toEqual({ kind: "failed", code: "SRV-501", syncedAt: synced.lastSyncedAt });
  });

  it("says 'Offline' only when the browser is offline, whatever the last error", () => {
    for (const lastError of [undefined, "NET-601", "SRV-502", "SRV-501"] as const) {
      expect(
        describeSyncStatus({ online: false, state: { ...synced, lastError }, pending: 2 }),
      ).toEqual({ kind: "offline", syncedAt: synced.lastSyncedAt, pending: 2, holdsRecords: true });
    }
  });

  it("says nothing is saved only when the device holds none of the record", () => {
    const cutOff = {
      key: "sync" as const,
      runsStarted: 1,
      lastCompletedRun: 0,
      lastError: "NET-601" as const,
    };
    const at = (holdsRecords: boolean) =>
      describeSyncStatus({ online: false, state: cutOff, pending: 0, holdsRecords });
    expect(at(false)).toEqual({ kind: "offline", pending: 0, holdsRecords: false });
    expect(syncStatusText(at(false))).toBe("Offline — no information is saved on this device yet");
    expect(at(true)).toEqual({ kind: "offline", pending: 0, holdsRecords: true });
    expect(syncStatusText(at(true))).toBe(
      "Offline — showing the information saved so far; not all of it has arrived yet",
    );
    expect(statusAnnouncementKey(at(true))).not.toBe(statusAnnouncementKey(at(false)));
    // Not asked: nothing is claimed to be there.
    expect(describeSyncStatus({ online: false, state: undefined, pending: 0 })).toMatchObject({
      holdsRecords: false,
    });
  });

  it("changes its announcement only when the sentence changes, not with the time", () => {
    const later = { ...synced, lastSyncedAt: "2026-11-25T10:47:00.000Z" };
    const key = (state: typeof synced) =>
      statusAnnouncementKey(describeSyncStatus({ online: true, state, pending: 0 }));
    expect(key(later)).toBe(key(synced));
    // Retrying is heard once when it begins, not again for each failed retry or new time.
    const failing = (state: typeof synced, lastError: "NET-601" | "NET-602") =>
      statusAnnouncementKey(
        describeSyncStatus({ online: true, state: { ...state, lastError }, pending: 0 }),
      );
    expect(failing(synced, "NET-601")).toBe(failing(later, "NET-602"));
    const waiting = (pending: number) =>
      statusAnnouncementKey(
        describeSyncStatus({ online: true, state: { ...synced, lastError: "NET-601" }, pending }),
      );
    expect(waiting(1)).toBe(waiting(0));
    expect(failing(synced, "NET-601")).not.toBe(key(synced));
    expect(failing(synced, "NET-601")).not.toBe(
      statusAnnouncementKey(describeSyncStatus({ online: false, state: synced, pending: 0 })),
    );
    expect(
      statusAnnouncementKey(describeSyncStatus({ online: true, state: synced, pending: 1 })),
    ).not.toBe(
      statusAnnouncementKey(describeSyncStatus({ online: true, state: synced, pending: 2 })),
    );
  });
});

describe("the sync status as the device changes", () => {
  afterEach(async () => {
    setNetwork(true);
    closeUserDatabase();
    await Dexie.delete("hearth-u-status");
  });

  it("never says 'nothing saved' when the network goes just after the first page landed", async () => {
    rememberLastUser("u-status");
    openTestCopy("u-status");
    const db = userDatabase("u-status");
    const said: SyncStatus[] = [];
    const dispose = createRoot((dispose) => {
      const status = createSyncStatus(db, "u-status");
      createEffect(() => {
        const now = status();
        if (now) said.push(now);
      });
      return dispose;
    });
    await vi.waitFor(() => expect(said.at(-1)?.kind).toBe("syncing"));
    // The first page of a first sync is written, and the network goes at once (before the
    // liveQuery has read the device again).
    await db.resources.put(row({ resourceType: "Observation" }, { id: "obs-1" }));
    setNetwork(false);
    await vi.waitFor(() => expect(said.at(-1)).toMatchObject({ kind: "offline" }));
    dispose();
    const offline = said.filter((status) => status.kind === "offline");
    expect(offline.map((status) => status.kind === "offline" && status.holdsRecords)).toEqual(
      offline.map(() => true),
    );
  });
});

/** The browser's network as connectivity.ts hears it. */
function setNetwork(isOnline: boolean) {
  Object.defineProperty(navigator, "onLine", { configurable: true, get: () => isOnline });
  window.dispatchEvent(new Event(isOnline ? "online" : "offline"));
}
