import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../shared/contracts/me.ts";
import { deviceKeyAnswers } from "../test/device-copy.ts";
import { jsonAnswer, stubNetwork } from "../test/network.ts";
import { ana } from "../test/people.ts";
import { rememberLastUser } from "./device-user.ts";
import { forgetDataKey } from "./lock/data-key.ts";
import { openUserDatabase } from "./open-database.ts";
import { session, signedIn, startSession } from "./session.ts";
import { signOut } from "./session-end.ts";
import { fromStorage, responseTo } from "./tab-follow.ts";
import type { TabMessage } from "./tab-signal.ts";
import { closeUserDatabase, NotDeviceUserError, userDatabase } from "./user-database.ts";

const lee: Me = { ...ana, id: "u-lee", username: "dr.lee", displayName: "Dr Lee" };

/** Another tab of the same origin, as this page's module hears it. */
let otherTab: BroadcastChannel;
let heard: TabMessage[];

beforeEach(async () => {
  // Each test starts with nobody signed in here, as a freshly opened sign-in page.
  stubNetwork({ "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
  await startSession();
  expect(session()).toEqual({ state: "signed-out", reason: undefined });
  heard = [];
  otherTab = new BroadcastChannel("hearth-session");
  otherTab.onmessage = (event: MessageEvent<TabMessage>) => heard.push(event.data);
});

afterEach(async () => {
  forgetDataKey();
  otherTab.close();
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Promise.all([Dexie.delete("hearth-u-ana"), Dexie.delete("hearth-u-lee")]);
});

/** This tab, signed in as ana with her database open, as after a sign-in here. */
async function signedInAsAna() {
  stubNetwork({ ...deviceKeyAnswers(), "GET /api/me": () => jsonAnswer(200, ana) });
  await signedIn(ana);
  const db = userDatabase(ana.id);
  await db.profile.get(ana.id);
  expect(db.isOpen()).toBe(true);
  return db;
}

describe("a message from another tab", () => {
  it("that someone else signed in signs this tab out, saying so, and closes its database for good", async () => {
    const db = await signedInAsAna();
    // The other tab: its sign-in tells the others first, then wipes ana's copy.
    otherTab.postMessage({ kind: "signed-in", userId: lee.id });
    await vi.waitFor(() =>
      expect(session()).toEqual({ state: "signed-out", reason: "other-account" }),
    );
    expect(db.isOpen()).toBe(false);
    rememberLastUser(lee.id);
    await Dexie.delete("hearth-u-ana");
    // A query still running on this page does not reopen (re-create) ana's database.
    await expect(db.profile.get(ana.id)).rejects.toThrow();
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
  });

  it("that the person signed out signs this tab out", async () => {
    const db = await signedInAsAna();
    otherTab.postMessage({ kind: "signed-out" });
    await vi.waitFor(() =>
      expect(session()).toEqual({ state: "signed-out", reason: "signed-out" }),
    );
    expect(db.isOpen()).toBe(false);
  });

  it("that this person's copy was wiped signs this tab out; another person's does not", async () => {
    await signedInAsAna();
    otherTab.postMessage({ kind: "wiped", userId: lee.id });
    otherTab.postMessage({ kind: "wiped", userId: ana.id });
    await vi.waitFor(() => expect(session()).toEqual({ state: "signed-out", reason: "ended" }));
  });

  it("that the same person signed in again keeps this tab signed in, asking the server", async () => {
    const db = await signedInAsAna();
    await vi.waitFor(() => expect(heard).toEqual([{ kind: "signed-in", userId: ana.id }]));
    const calls = stubNetwork({ "GET /api/me": () => jsonAnswer(200, ana) });
    otherTab.postMessage({ kind: "signed-in", userId: ana.id });
    const posted = vi.spyOn(BroadcastChannel.prototype, "postMessage");
    await vi.waitFor(() => expect(calls.map((call) => call.key)).toContain("GET /api/me"));
    await vi.waitFor(() => expect(db.isOpen()).toBe(true));
    expect(session()).toMatchObject({ state: "signed-in", me: { id: ana.id }, source: "server" });
    // Adopting tells nobody: two tabs of one person never answer each other for ever.
    // (Dexie's own channel also posts, about the saved profile: not a TabMessage.)
    const told = posted.mock.calls.filter(([data]) => typeof data === "object" && "kind" in data);
    expect(told).toEqual([]);
    posted.mockRestore();
  });
});

describe("this tab", () => {
  it("tells the other tabs who signed in, then that they signed out and the copy was wiped", async () => {
    await signedInAsAna();
    stubNetwork({ "POST /api/auth/sign-out": () => new Response(null, { status: 204 }) });
    await signOut();
    await vi.waitFor(() =>
      expect(heard).toEqual([
        { kind: "signed-in", userId: ana.id },
        { kind: "signed-out" },
        { kind: "wiped", userId: ana.id },
      ]),
    );
  });
});

describe("userDatabase", () => {
  it("refuses the database of anyone but the device's person, and opens theirs", async () => {
    rememberLastUser(lee.id);
    expect(() => userDatabase(ana.id)).toThrow(NotDeviceUserError);
    await expect(openUserDatabase(ana.id)).rejects.toThrow(NotDeviceUserError);
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    await expect(openUserDatabase(lee.id)).resolves.toMatchObject({ rebuilt: false });
  });

  it("refuses every database once nobody is signed in on the device", () => {
    expect(() => userDatabase(ana.id)).toThrow(NotDeviceUserError);
  });
});

describe("responseTo", () => {
  const signedInAna = { state: "signed-in", me: ana, source: "server" } as const;
  const ended = { state: "signed-out", reason: "ended" } as const;
  const leeIn = { kind: "signed-in", userId: lee.id } as const;

  it("a tab left on the sign-in page follows its own person, and anyone if it showed nobody", () => {
    expect(responseTo({ kind: "signed-in", userId: ana.id }, ended, ana.id)).toBe("adopt");
    expect(responseTo(leeIn, { state: "signed-out" }, undefined)).toBe("adopt");
    expect(responseTo(leeIn, ended, ana.id)).toBe("other-account");
    expect(responseTo(leeIn, { state: "signed-out", reason: "other-account" }, ana.id)).toBe(
      undefined,
    );
    expect(responseTo(leeIn, signedInAna, undefined)).toBe("other-account");
  });

  it("a signed-out tab has nothing to close", () => {
    expect(responseTo({ kind: "signed-out" }, ended, ana.id)).toBeUndefined();
    expect(responseTo({ kind: "wiped", userId: ana.id }, ended, ana.id)).toBeUndefined();
  });
});

describe("without BroadcastChannel, the last user's id in localStorage", () => {
  it("says who signed in, and whose copy was wiped", () => {
    expect(fromStorage("hearth.lastUserId", "u-ana", "u-lee")).toEqual({
      kind: "signed-in",
      userId: "u-lee",
    });
    expect(fromStorage("hearth.lastUserId", "u-ana", null)).toEqual({
      kind: "wiped",
      userId: "u-ana",
    });
    expect(fromStorage("hearth.language", null, "es")).toBeUndefined();
  });
});
