import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonAnswer, stubNetwork } from "../test/network.ts";
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
