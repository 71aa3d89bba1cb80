import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openTestCopy } from "../test/device-copy.ts";
import { jsonAnswer, stubNetwork } from "../test/network.ts";
import { rememberLastUser } from "./device-user.ts";
import { pullUntilCaughtUp } from "./pull.ts";
import { isQuotaError } from "./storage.ts";
import { closeUserDatabase, userDatabase } from "./user-database.ts";

afterEach(async () => {
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Dexie.delete("hearth-u-quota");
});

const page = {
  protocol: 1,
  patients: [
    { id: "p1", name: "Ana", birthDate: null, self: true, cursor: "3", reset: false, more: false },
  ],
  rows: [
    {
      patientId: "p1",
      id: "r1",
      type: "Observation",
      version: 3,
      deleted: false,
      resource: { resourceType: "Observation", id: "r1" },
      effectiveAt: null,
      status: null,
      codeSystem: null,
      code: null,
      category: null,
    },
  ],
  more: false,
};

describe("storage full", () => {
  it("recognises the browser's quota error, also wrapped by Dexie", () => {
    const quota = new DOMException("full", "QuotaExceededError");
    expect(isQuotaError(quota)).toBe(true);
    expect(isQuotaError({ name: "AbortError", inner: quota })).toBe(true);
    expect(isQuotaError(new DOMException("gone", "InvalidStateError"))).toBe(false);
  });

  it("is reported as DEV-702, and the page is not half-written", async () => {
    openTestCopy("u-quota");
    rememberLastUser("u-quota");
    const db = userDatabase("u-quota");
    // The browser refusing to store more, injected where IndexedDB would raise it.
    db.resources.hook("creating", () => {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    });
    stubNetwork({ "POST /api/sync/pull": () => jsonAnswer(200, page) });
    expect(await pullUntilCaughtUp(db)).toEqual({ ok: false, code: "DEV-702", requests: 1 });
    expect(await db.cursors.count()).toBe(0);
    expect(await db.patients.count()).toBe(0);
  });
});

describe("a cursor the server refuses (SYNC-805, docs/security.md)", () => {
  afterEach(async () => {
    closeUserDatabase();
    await Dexie.delete("hearth-u-gone");
  });

  it("forgets the patient it names, as a page without them would, and pulls again", async () => {
    openTestCopy("u-gone");
    rememberLastUser("u-gone");
    const db = userDatabase("u-gone");
    // A record this account could see before (a proxy's access ended while offline).
    await db.patients.put({ id: "p-gone", name: "Rosa", birthDate: null, self: false });
    await db.cursors.put({ patientId: "p-gone", cursor: "9" });
    await db.resources.put({ ...page.rows[0], id: "r-gone", patientId: "p-gone" } as never);
    let asked = 0;
    const calls = stubNetwork({
      "POST /api/sync/pull": () =>
        ++asked === 1
          ? jsonAnswer(403, {
              error: {
                code: "SYNC-805",
                fields: [{ field: "cursors.p-gone", problem: "invalid" }],
              },
            })
          : jsonAnswer(200, page),
    });
    expect(await pullUntilCaughtUp(db)).toEqual({ ok: true, requests: 2 });
    const second = calls[1]?.body as { cursors?: Record<string, string> } | undefined;
    expect(second?.cursors).toEqual({});
    expect(await db.patients.toCollection().primaryKeys()).toEqual(["p1"]);
    expect(await db.resources.toCollection().primaryKeys()).toEqual(["r1"]);
  });

  it("reports SYNC-805 when it names no cursor the device holds", async () => {
    openTestCopy("u-gone");
    rememberLastUser("u-gone");
    const db = userDatabase("u-gone");
    stubNetwork({
      "POST /api/sync/pull": () => jsonAnswer(403, { error: { code: "SYNC-805" } }),
    });
    expect(await pullUntilCaughtUp(db)).toEqual({ ok: false, code: "SYNC-805", requests: 1 });
  });
});
