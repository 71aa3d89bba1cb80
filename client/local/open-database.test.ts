import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { deviceKeyAnswers, openTestCopy } from "../test/device-copy.ts";
import { stubNetwork } from "../test/network.ts";
import { databaseNameFor, rememberLastUser } from "./device-user.ts";
import { createDraft } from "./drafts.ts";
import { openCopyOnline, setPin, unlockWithPin } from "./lock/copy-lock.ts";
import { forgetDataKey } from "./lock/data-key.ts";
import { openUserDatabase } from "./open-database.ts";
import { addToOutbox } from "./outbox.ts";
import { closeUserDatabase, userDatabase } from "./user-database.ts";

const userId = "u-open";
const name = databaseNameFor(userId);

// A page opens only the database of the device's person (user-database.ts), once it is open.
beforeEach(() => {
  rememberLastUser(userId);
  openTestCopy(userId);
});

afterEach(async () => {
  forgetDataKey();
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Dexie.delete(name);
});

/** The rows of `stores` as IndexedDB holds them, sealed or not. */
function readRaw(stores: string[]) {
  return new Promise<Record<string, unknown[]>>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(stores, "readonly");
      const rows: Record<string, unknown[]> = {};
      for (const store of stores) {
        const all = tx.objectStore(store).getAll();
        all.onsuccess = () => {
          rows[store] = all.result;
        };
      }
      tx.oncomplete = () => {
        db.close();
        resolve(rows);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

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
  it("upgrades the first published version; what it held in the clear goes (version 7)", async () => {
    // Dexie's version(1) is IndexedDB version 10.
    await createRaw(10, { profile: "id" }, { profile: [profile] });
    const { db, rebuilt } = await openUserDatabase(userId);
    expect(rebuilt).toBe(false);
    // Saved before the copy was sealed (docs/decisions/0029-device-copy-lock.md): the next
    // sign-in saves it again, sealed.
    expect(await db.profile.get(userId)).toBeUndefined();
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

  it("keeps a sealed copy's lock, outbox and drafts through a rebuild: they still open", async () => {
    // A copy as a signed-in page leaves it: a data key wrapped by the server's key and a PIN,
    // a write queued and a message being typed, all sealed with it.
    stubNetwork(deviceKeyAnswers());
    expect(await openCopyOnline(userId)).toEqual({ outcome: "opened" });
    await setPin(userId, "482916");
    const db = userDatabase(userId);
    const write = await addToOutbox(db, userId, "profile.setLanguage", { locale: "es" });
    const draft = createDraft<{ body: string }>(db, "message:new", 0);
    draft.save({ body: "My knee still hurts" });
    await draft.flush();
    // Locked (a reload), with those rows in a database this build cannot upgrade (a store
    // whose primary key Dexie cannot change): it has to be rebuilt.
    forgetDataKey(userId);
    closeUserDatabase();
    const kept = await readRaw(["outbox", "lock", "drafts"]);
    expect(kept.lock).toHaveLength(1);
    await Dexie.delete(name);
    await createRaw(
      15,
      { resources: "other", outbox: "++seq", lock: "id", drafts: "key" },
      { resources: [{ other: "r1" }], ...kept },
    );

    const { db: rebuiltDb, rebuilt } = await openUserDatabase(userId);
    expect(rebuilt).toBe(true);
    expect(await unlockWithPin(userId, "482916")).toEqual({ outcome: "opened" });
    expect(await rebuiltDb.outbox.toArray()).toEqual([write]);
    expect(await createDraft(rebuiltDb, "message:new").load()).toEqual({
      body: "My knee still hurts",
    });
    // And the server's key opens it too, as when signed in online.
    forgetDataKey(userId);
    expect(await openCopyOnline(userId)).toEqual({ outcome: "opened" });
    expect((await rebuiltDb.outbox.get(write.seq as number))?.args).toEqual({ locale: "es" });
  });

  it("drops sealed writes whose lock is gone: no key opens them, and reads would fail on them", async () => {
    const sealedWrite = { ...waiting, seq: 8, id: "sealed-1", sealed: new Uint8Array(40) };
    await createRaw(
      15,
      { resources: "other", outbox: "++seq", drafts: "key" },
      {
        resources: [{ other: "r1" }],
        outbox: [waiting, sealedWrite],
        drafts: [{ key: "message:new", sealed: new Uint8Array(40) }],
      },
    );
    const { db, rebuilt } = await openUserDatabase(userId);
    expect(rebuilt).toBe(true);
    expect(await db.outbox.toArray()).toEqual([waiting]);
    expect(await db.drafts.count()).toBe(0);
  });
});
