import { describe, expect, it } from "vitest";
import { syncStatusText } from "../ui/sync-status-banner.tsx";
import { describeSyncStatus, statusAnnouncementKey } from "./sync-status.ts";

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
    expect(at({ online: true, state: { ...synced, lastError: "SRV-502" }, pending: 2 })).toBe(
      "Couldn't sync — error code SRV-502",
    );
  });

  it("treats a network failure as offline, and a first sync as getting the information", () => {
    expect(
      describeSyncStatus({ online: true, state: { ...synced, lastError: "NET-602" }, pending: 1 }),
    ).toEqual({ kind: "offline", syncedAt: synced.lastSyncedAt, pending: 1 });
    expect(describeSyncStatus({ online: true, state: undefined, pending: 0 })).toEqual({
      kind: "syncing",
    });
  });

  it("changes its announcement only when the sentence changes, not with the time", () => {
    const later = { ...synced, lastSyncedAt: "2026-11-25T10:47:00.000Z" };
    const key = (state: typeof synced) =>
      statusAnnouncementKey(describeSyncStatus({ online: true, state, pending: 0 }));
    expect(key(later)).toBe(key(synced));
    expect(
      statusAnnouncementKey(describeSyncStatus({ online: true, state: synced, pending: 1 })),
    ).not.toBe(
      statusAnnouncementKey(describeSyncStatus({ online: true, state: synced, pending: 2 })),
    );
  });
});
