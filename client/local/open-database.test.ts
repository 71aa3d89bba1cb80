import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { databaseNameFor } from "./device-user.ts";
import { openUserDatabase } from "./open-database.ts";
import { closeUserDatabase } from "./user-database.ts";

const userId = "u-open";
const name = databaseNameFor(userId);

afterEach(async () => {
  closeUserDatabase();
  await Dexie.delete(name);
});

/** Creates the database as an older or broken build of Hearth would have left it. */
function createRaw(
  version: number,
  stores: Record<string, string>,
  rows: Record<string, unknown[]>,
) {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      for (const [store, keyPath] of Object.entries(stores)) {
        request.result.createObjectStore(
          store,
          keyPath.startsWith("++")
            ? { keyPath: keyPath.slice(2), autoIncrement: true }
            : { keyPath },
        );
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(Object.keys(rows), "readwrite");
      for (const [store, items] of Object.entries(rows)) {
        for (const item of items) tx.objectStore(store).put(item);
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}

const profile = {
  id: userId,
  username: "ana",
  displayName: "Ana",
  role: "patient",
  locale: "es",
  savedAt: "x",
};
const waiting = {
  seq: 7,
  id: "0b6c8a0e-3d5f-4c44-9a53-7f0c1d2e3f40",
  name: "profile.setLanguage",
  args: { locale: "es" },
  author: userId,
  createdAt: "2026-11-25T10:00:00.000Z",
  state: "pending",
};

describe("openUserDatabase", () => {
  it("upgrades the first published version, keeping what it held", async () => {
    // Dexie's version(1) is IndexedDB version 10.
    await createRaw(10, { profile: "id" }, { profile: [profile] });
    const { db, rebuilt } = await openUserDatabase(userId);
    expect(rebuilt).toBe(false);
    expect(await db.profile.get(userId)).toEqual(profile);
    expect(await db.outbox.count()).toBe(0);
  });

  it("rebuilds a database it cannot upgrade, keeping the outbox and nothing else", async () => {
    // A store whose primary key Dexie cannot change: the upgrade fails.
    await createRaw(
      15,
      { profile: "id", resources: "other", outbox: "++seq" },
      {
        profile: [profile],
        resources: [{ other: "r1" }],
        outbox: [waiting, { ...waiting, seq: 8, id: "someone-else", author: "u-other" }],
      },
    );
    const { db, rebuilt } = await openUserDatabase(userId);
    expect(rebuilt).toBe(true);
    expect(await db.outbox.toArray()).toEqual([waiting]);
    expect(await db.resources.count()).toBe(0);
    // The next pull fetches the record again; the rebuilt database works as usual.
    await db.resources.put({
      id: "r2",
      patientId: "p",
      type: "Observation",
      version: 1,
      resource: { resourceType: "Observation", id: "r2" },
      effectiveAt: null,
      status: null,
      codeSystem: null,
      code: null,
      category: null,
    });
    expect(await db.resources.count()).toBe(1);
  });
});
