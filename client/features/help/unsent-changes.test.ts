import { describe, expect, it } from "vitest";
import { countUnsentChanges } from "./unsent-changes.ts";

function makeDatabase(name: string, stores: Record<string, number>): Promise<void> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(name, 1);
    opening.onupgradeneeded = () => {
      for (const store of Object.keys(stores))
        opening.result.createObjectStore(store, { autoIncrement: true });
    };
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const tx = db.transaction(Object.keys(stores), "readwrite");
      for (const [store, count] of Object.entries(stores))
        for (let i = 0; i < count; i++) tx.objectStore(store).add({ i });
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
    };
  });
}

describe("countUnsentChanges", () => {
  it("counts every outbox on the device and nothing else", async () => {
    expect(await countUnsentChanges()).toBe(0);
    await makeDatabase("hearth-user-a", { outbox: 3, profile: 1 });
    await makeDatabase("hearth-user-b", { outbox: 2 });
    await makeDatabase("something-else", { records: 5 });
    expect(await countUnsentChanges()).toBe(5);
    // The count opens databases without a version, so nothing was created or upgraded.
    const names = (await indexedDB.databases()).map((d) => d.name).sort();
    expect(names).toEqual(["hearth-user-a", "hearth-user-b", "something-else"]);
  });
});
