import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../shared/contracts/me.ts";
import { openTestCopy } from "../test/device-copy.ts";
import { databaseNameFor, lastUserId, rememberLastUser } from "./device-user.ts";
import { forgetUser } from "./forget-user.ts";
import { loadProfile, saveProfile } from "./profile.ts";

const ana: Me = {
  id: "user-ana",
  username: "ana",
  displayName: "Ana Rivera",
  role: "patient",
  locale: "es",
};
const lee: Me = {
  ...ana,
  id: "user-lee",
  username: "dr.lee",
  displayName: "Dr Lee",
  role: "clinician",
};

beforeEach(() => {
  openTestCopy(ana.id);
  openTestCopy(lee.id);
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all([ana, lee].map((me) => Dexie.delete(databaseNameFor(me.id))));
});

describe("the saved profile", () => {
  it("is saved in the user's own database, with when it was saved", async () => {
    rememberLastUser(ana.id);
    await saveProfile(ana, new Date("2025-11-25T10:42:00Z"));
    expect(await Dexie.exists("hearth-user-ana")).toBe(true);
    expect(await loadProfile(ana.id)).toEqual({ ...ana, savedAt: "2025-11-25T10:42:00.000Z" });
  });

  it("keeps each person's data apart", async () => {
    rememberLastUser(ana.id);
    await saveProfile(ana);
    rememberLastUser(lee.id);
    await saveProfile(lee);
    expect((await loadProfile(lee.id))?.displayName).toBe("Dr Lee");
    rememberLastUser(ana.id);
    expect((await loadProfile(ana.id))?.displayName).toBe("Ana Rivera");
  });

  it("is undefined when nothing was saved", async () => {
    openTestCopy("nobody");
    rememberLastUser("nobody");
    expect(await loadProfile("nobody")).toBeUndefined();
  });
});

describe("forgetUser", () => {
  it("deletes the user's database, even while it is open, and the last-user entry", async () => {
    rememberLastUser(ana.id);
    await saveProfile(ana);
    await forgetUser(ana.id);
    expect(await Dexie.exists("hearth-user-ana")).toBe(false);
    expect(lastUserId()).toBeUndefined();
  });

  it("leaves other people's databases alone", async () => {
    rememberLastUser(ana.id);
    await saveProfile(ana);
    rememberLastUser(lee.id);
    await saveProfile(lee);
    await forgetUser(ana.id);
    expect(await Dexie.exists("hearth-user-lee")).toBe(true);
  });

  it("deletes every Cache Storage cache except the app shell's precache", async () => {
    const names = ["workbox-precache-v2-https://hearth.example/", "api-answers", "images"];
    const deleted: string[] = [];
    vi.stubGlobal("caches", {
      keys: async () => names,
      delete: async (name: string) => {
        deleted.push(name);
        return true;
      },
    });
    await forgetUser(ana.id);
    expect(deleted.sort()).toEqual(["api-answers", "images"]);
  });
});
