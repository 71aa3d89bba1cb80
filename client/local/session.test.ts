import Dexie from "dexie";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../shared/contracts/me.ts";
import { deviceKeyAnswers } from "../test/device-copy.ts";
import { jsonAnswer, offline, stubNetwork } from "../test/network.ts";
import { ana } from "../test/people.ts";
import { row } from "../test/resource-row.ts";
import { isSharedDevice, isSignOutPending, lastUserId, setSharedDevice } from "./device-user.ts";
import { dismissKeptNotice, keptAccounts, keptNotice } from "./kept-writes.ts";
import { setPin, unlockWithPin } from "./lock/copy-lock.ts";
import { CopyLockedError, forgetDataKey, isCopyOpen } from "./lock/data-key.ts";
import { addToOutbox } from "./outbox.ts";
import { loadProfile } from "./profile.ts";
import {
  deviceUserId,
  retryOpening,
  session,
  signedIn,
  startSession,
  unlockedOffline,
} from "./session.ts";
import { setSignOutFlush, signOut } from "./session-end.ts";
import { readUnsent } from "./unsent-writes.ts";
import { closeUserDatabase, UserDatabase, userDatabase } from "./user-database.ts";

const sam: Me = {
  id: "u-sam",
  username: "sam",
  displayName: "Sam Okafor",
  role: "support",
  locale: "en",
};

/** The server's device key for this test's device; the copy opens with it. */
let keys = deviceKeyAnswers();
beforeEach(() => {
  keys = deviceKeyAnswers();
  stubNetwork(keys);
});

afterEach(async () => {
  forgetDataKey();
  vi.unstubAllGlobals();
  closeUserDatabase();
  dismissKeptNotice();
  await Promise.all([Dexie.delete("hearth-u-ana"), Dexie.delete("hearth-u-sam")]);
});

describe("startSession", () => {
  it("signs in from the server's answer and saves the profile for offline use", async () => {
    stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(200, ana) });
    await startSession();
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "server" });
    expect(lastUserId()).toBe(ana.id);
    expect(await loadProfile(ana.id)).toMatchObject(ana);
  });

  it("offline, opens the last user's saved profile and says why", async () => {
    await signedIn(ana);
    stubNetwork({ ...keys, "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({
      state: "signed-in",
      me: ana,
      source: "device",
      problem: "NET-601",
    });
  });

  it("offline with nothing saved, is signed out with the reason", async () => {
    stubNetwork({ ...keys, "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", problem: "NET-601" });
  });

  it("offline after a reload, the copy is locked: with no PIN or passkey it cannot be opened", async () => {
    await signedIn(ana);
    forgetDataKey(ana.id);
    stubNetwork({ ...keys, "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", problem: "DEV-703" });
    expect(await Dexie.exists("hearth-u-ana")).toBe(true);
  });

  it("offline after a reload, a copy with a PIN asks for it, and opens with it", async () => {
    await signedIn(ana);
    await setPin(ana.id, "482916");
    forgetDataKey(ana.id);
    stubNetwork({ ...keys, "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({
      state: "locked",
      userId: ana.id,
      methods: ["pin"],
      problem: "NET-601",
    });
    expect(await unlockWithPin(ana.id, "482916")).toEqual({ outcome: "opened" });
    await unlockedOffline(ana.id);
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "device" });
  });

  it("when the session ended and the server cut this device off, the copy is deleted", async () => {
    await signedIn(ana);
    await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", { locale: "es" });
    stubNetwork({
      "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }),
      "POST /api/device-keys/open": () => jsonAnswer(410, { error: { code: "AUTH-148" } }),
    });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: "ended", problem: "AUTH-148" });
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
  });

  it("when the session ended, a personal device keeps the person's copy and outbox for them", async () => {
    await signedIn(ana);
    const waiting = await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", {
      locale: "es",
    });
    stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: "ended" });
    expect(lastUserId()).toBe(ana.id);
    // Locked with the session: nothing of it is readable until the server's key opens it.
    await expect(userDatabase(ana.id).outbox.toArray()).rejects.toThrow(CopyLockedError);
    // Signing in again, the write made before the session ended is still there to be sent.
    await signedIn(ana);
    expect(await userDatabase(ana.id).outbox.toArray()).toEqual([
      expect.objectContaining({ id: waiting.id, state: "pending" }),
    ]);
  });

  it("when the session ended, a shared device keeps nothing (docs/abuse-cases.md 25)", async () => {
    setSharedDevice(true);
    await signedIn(ana);
    stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: "ended" });
    expect(lastUserId()).toBeUndefined();
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
  });

  it("offline, a shared device does not open the saved copy, and deletes it", async () => {
    setSharedDevice(true);
    await signedIn(ana);
    stubNetwork({ ...keys, "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", problem: "NET-601" });
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(isSharedDevice()).toBe(false);
  });

  it("with no session and nobody remembered, is simply signed out", async () => {
    stubNetwork({ ...keys, "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: undefined });
  });
});

describe("signedIn", () => {
  it("wipes the previous person's data when someone else signs in (docs/abuse-cases.md 25)", async () => {
    await signedIn(ana);
    expect(await Dexie.exists("hearth-u-ana")).toBe(true);
    await signedIn(sam);
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(lastUserId()).toBe(sam.id);
    expect(keptNotice()).toBe(false);
  });

  it("keeps only the previous person's unsent writes, bound to them, and tells the new person once (ADR 29)", async () => {
    await signedIn(ana);
    const waiting = await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", {
      locale: "es",
    });
    closeUserDatabase();
    await signedIn(sam);
    expect(lastUserId()).toBe(sam.id);
    expect(Object.keys(keptAccounts())).toEqual([ana.id]);
    expect(keptNotice()).toBe(true);
    const kept = new UserDatabase(ana.id);
    expect(await kept.profile.count()).toBe(0);
    kept.close();
    // Sealed with Ana's key, which left with her: only what says whose and what it is is plain.
    expect(await readUnsent(ana.id)).toEqual([
      expect.objectContaining({ seq: waiting.seq, name: "profile.setLanguage", state: "pending" }),
    ]);
    // Sam's own database never holds Ana's write, so Sam's sync cannot send it.
    expect(await userDatabase(sam.id).outbox.count()).toBe(0);

    dismissKeptNotice();
    closeUserDatabase();
    await signedIn(sam);
    expect(keptNotice()).toBe(false);

    // Ana back: her write is in her own database, for her sync to send; the marker goes.
    closeUserDatabase();
    await signedIn(ana);
    expect(keptAccounts()).toEqual({});
    expect(await userDatabase(ana.id).outbox.toArray()).toEqual([
      expect.objectContaining({ id: waiting.id, state: "pending" }),
    ]);
  });
});

describe("signedIn, when the network goes before the copy's key comes (ADR 29)", () => {
  const keyOffline = { "POST /api/device-keys": offline, "POST /api/device-keys/open": offline };

  /** Signed in before (with `pin`, if given); this sign-in's key request meets no network. */
  async function signInAgainWithoutKey(pin?: string) {
    await signedIn(ana);
    if (pin) await setPin(ana.id, pin);
    forgetDataKey(ana.id);
    closeUserDatabase();
    stubNetwork(keyOffline);
    await signedIn(ana);
  }

  it("a copy without a PIN stays shut, opened by no page, and opens once the key comes", async () => {
    await signInAgainWithoutKey();
    expect(session()).toEqual({
      state: "signed-in",
      me: ana,
      source: "server",
      problem: "NET-601",
      copyWaiting: true,
    });
    expect(deviceUserId()).toBeUndefined();
    expect(isCopyOpen(ana.id)).toBe(false);

    stubNetwork(keys);
    await retryOpening();
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "server" });
    expect(deviceUserId()).toBe(ana.id);
    // The write is queued, sealed, not refused.
    const entry = await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", {
      locale: "es",
    });
    expect(await userDatabase(ana.id).outbox.get(entry.seq as number)).toMatchObject({
      args: { locale: "es" },
    });
  });

  it("a new device waits for its first key, and tries again by itself", async () => {
    stubNetwork(keyOffline);
    await signedIn(ana);
    expect(session()).toMatchObject({ state: "signed-in", copyWaiting: true, problem: "NET-601" });
    stubNetwork(keys);
    // About a second later (retry-delay.ts), with nobody pressing anything.
    await vi.waitFor(
      () => expect(session()).toEqual({ state: "signed-in", me: ana, source: "server" }),
      {
        timeout: 5_000,
      },
    );
    expect(isCopyOpen(ana.id)).toBe(true);
    expect(await loadProfile(ana.id)).toMatchObject(ana);
  });

  it("a copy with a PIN goes to the unlock page; the key, when it comes, opens it there", async () => {
    await signInAgainWithoutKey("482916");
    expect(session()).toEqual({
      state: "locked",
      userId: ana.id,
      methods: ["pin"],
      problem: "NET-601",
    });
    stubNetwork(keys);
    await retryOpening();
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "server" });
  });

  it("unlocked with the PIN meanwhile, the retry leaves the session as it is", async () => {
    await signInAgainWithoutKey("482916");
    expect(await unlockWithPin(ana.id, "482916")).toEqual({ outcome: "opened" });
    await unlockedOffline(ana.id);
    const calls = stubNetwork(keys);
    await retryOpening();
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "device" });
    expect(calls).toEqual([]);
  });

  it("the session ended while waiting: the retry signs out and the copy locks", async () => {
    await signInAgainWithoutKey();
    const ended = () => jsonAnswer(401, { error: { code: "AUTH-102" } });
    stubNetwork({ "POST /api/device-keys/open": ended, "GET /api/me": ended });
    await retryOpening();
    expect(session()).toEqual({ state: "signed-out", reason: "ended" });
    expect(isCopyOpen(ana.id)).toBe(false);
    expect(await Dexie.exists("hearth-u-ana")).toBe(true);
  });
});

describe("signOut", () => {
  it("ends the session on the server with an empty JSON body and wipes the device", async () => {
    await signedIn(ana);
    const calls = stubNetwork({
      ...keys,
      "POST /api/auth/sign-out": () => new Response(null, { status: 204 }),
    });
    await signOut();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({});
    expect(calls[0]?.headers.get("Content-Type")).toBe("application/json");
    expect(session()).toEqual({ state: "signed-out", reason: "signed-out" });
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(lastUserId()).toBeUndefined();
    expect(isSignOutPending()).toBe(false);
  });

  it("keep: deletes the record but keeps the unsent writes and drafts for the author (ADR 29)", async () => {
    await signedIn(ana);
    const db = userDatabase(ana.id);
    await addToOutbox(db, ana.id, "message.send", { messageId: "m1", threadId: "t1", body: "Hi" });
    const applied = await addToOutbox(db, ana.id, "profile.setLanguage", { locale: "es" });
    await db.outbox.update(applied.seq as number, { applied: true });
    await db.drafts.put({ key: "message:new", value: { body: "Half" }, savedAt: "2026-01-01" });
    await db.resources.put(row({ resourceType: "Observation" }, { id: "r1", patientId: "p1" }));
    await db.viewedResults.put({ id: "r1", viewedAt: "2026-01-01" });
    stubNetwork({ "POST /api/auth/sign-out": offline });
    await signOut("keep");
    closeUserDatabase();
    expect((await readUnsent(ana.id)).map((e) => e.name)).toEqual(["message.send"]);
    const kept = new UserDatabase(ana.id);
    expect(await kept.drafts.count()).toBe(1);
    expect(await kept.resources.count()).toBe(0);
    expect(await kept.viewedResults.count()).toBe(0);
    expect(await kept.profile.count()).toBe(0);
    kept.close();
    expect(lastUserId()).toBeUndefined();
    expect(Object.keys(keptAccounts())).toEqual([ana.id]);
    expect(isSignOutPending()).toBe(true);
  });

  it("keep, on a shared device, keeps nothing", async () => {
    setSharedDevice(true);
    await signedIn(ana);
    await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", { locale: "es" });
    stubNetwork({ "POST /api/auth/sign-out": () => new Response(null, { status: 204 }) });
    await signOut("keep");
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(keptAccounts()).toEqual({});
  });

  it("delete: the unsent writes go with the rest, unsent", async () => {
    await signedIn(ana);
    await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", { locale: "es" });
    let flushed = 0;
    setSignOutFlush(async () => {
      flushed++;
    });
    const calls = stubNetwork({
      "POST /api/auth/sign-out": () => new Response(null, { status: 204 }),
    });
    await signOut("delete");
    setSignOutFlush(undefined);
    expect(flushed).toBe(0);
    expect(calls.map((call) => call.key)).toEqual(["POST /api/auth/sign-out"]);
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(keptAccounts()).toEqual({});
  });

  it("offline, still wipes the device and ends the server session on the next start", async () => {
    await signedIn(ana);
    stubNetwork({ ...keys, "POST /api/auth/sign-out": offline });
    await signOut();
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(isSignOutPending()).toBe(true);

    const calls = stubNetwork({
      ...keys,
      "POST /api/auth/sign-out": () => new Response(null, { status: 204 }),
      "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }),
    });
    await startSession();
    expect(calls.map((call) => call.key)).toEqual(["POST /api/auth/sign-out", "GET /api/me"]);
    expect(isSignOutPending()).toBe(false);
    expect(session().state).toBe("signed-out");
  });
});
