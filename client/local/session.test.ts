import Dexie from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Me } from "../../shared/contracts/me.ts";
import { jsonAnswer, offline, stubNetwork } from "../test/network.ts";
import {
  isSharedDevice,
  isSignOutPending,
  lastUserId,
  rememberLastUser,
  setSharedDevice,
} from "./device-user.ts";
import { addToOutbox } from "./outbox.ts";
import { loadProfile, saveProfile } from "./profile.ts";
import { session, signedIn, signOut, startSession } from "./session.ts";
import { closeUserDatabase, userDatabase } from "./user-database.ts";

const ana: Me = {
  id: "u-ana",
  username: "ana",
  displayName: "Ana Rivera",
  role: "patient",
  locale: "en",
};
const sam: Me = {
  id: "u-sam",
  username: "sam",
  displayName: "Sam Okafor",
  role: "support",
  locale: "en",
};

afterEach(async () => {
  vi.unstubAllGlobals();
  closeUserDatabase();
  await Promise.all([Dexie.delete("hearth-u-ana"), Dexie.delete("hearth-u-sam")]);
});

describe("startSession", () => {
  it("signs in from the server's answer and saves the profile for offline use", async () => {
    stubNetwork({ "GET /api/me": () => jsonAnswer(200, ana) });
    await startSession();
    expect(session()).toEqual({ state: "signed-in", me: ana, source: "server" });
    expect(lastUserId()).toBe(ana.id);
    expect(await loadProfile(ana.id)).toMatchObject(ana);
  });

  it("offline, opens the last user's saved profile and says why", async () => {
    await saveProfile(ana);
    rememberLastUser(ana.id);
    stubNetwork({ "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({
      state: "signed-in",
      me: ana,
      source: "device",
      problem: "NET-601",
    });
  });

  it("offline with nothing saved, is signed out with the reason", async () => {
    stubNetwork({ "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", problem: "NET-601" });
  });

  it("when the session ended, a personal device keeps the person's copy and outbox for them", async () => {
    await saveProfile(ana);
    rememberLastUser(ana.id);
    const waiting = await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", {
      locale: "es",
    });
    stubNetwork({ "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: "ended" });
    expect(lastUserId()).toBe(ana.id);
    // Signing in again, the write made before the session ended is still there to be sent.
    await signedIn(ana);
    expect(await userDatabase(ana.id).outbox.toArray()).toEqual([
      expect.objectContaining({ id: waiting.id, state: "pending" }),
    ]);
  });

  it("when the session ended, a shared device keeps nothing (ABUSE-CASES 25)", async () => {
    setSharedDevice(true);
    await signedIn(ana);
    stubNetwork({ "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: "ended" });
    expect(lastUserId()).toBeUndefined();
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
  });

  it("offline, a shared device does not open the saved copy, and deletes it", async () => {
    setSharedDevice(true);
    await signedIn(ana);
    stubNetwork({ "GET /api/me": offline });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", problem: "NET-601" });
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(isSharedDevice()).toBe(false);
  });

  it("with no session and nobody remembered, is simply signed out", async () => {
    stubNetwork({ "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }) });
    await startSession();
    expect(session()).toEqual({ state: "signed-out", reason: undefined });
  });
});

describe("signedIn", () => {
  it("wipes the previous person's data, outbox included, when someone else signs in (ABUSE-CASES 25)", async () => {
    await signedIn(ana);
    await addToOutbox(userDatabase(ana.id), ana.id, "profile.setLanguage", { locale: "es" });
    expect(await Dexie.exists("hearth-u-ana")).toBe(true);
    await signedIn(sam);
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(lastUserId()).toBe(sam.id);
  });
});

describe("signOut", () => {
  it("ends the session on the server with an empty JSON body and wipes the device", async () => {
    await signedIn(ana);
    const calls = stubNetwork({
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

  it("offline, still wipes the device and ends the server session on the next start", async () => {
    await signedIn(ana);
    stubNetwork({ "POST /api/auth/sign-out": offline });
    await signOut();
    expect(await Dexie.exists("hearth-u-ana")).toBe(false);
    expect(isSignOutPending()).toBe(true);

    const calls = stubNetwork({
      "POST /api/auth/sign-out": () => new Response(null, { status: 204 }),
      "GET /api/me": () => jsonAnswer(401, { error: { code: "AUTH-102" } }),
    });
    await startSession();
    expect(calls.map((call) => call.key)).toEqual(["POST /api/auth/sign-out", "GET /api/me"]);
    expect(isSignOutPending()).toBe(false);
    expect(session().state).toBe("signed-out");
  });
});
