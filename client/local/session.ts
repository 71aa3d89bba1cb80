import { createSignal } from "solid-js";
import type { Me } from "../../shared/contracts/me.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import { fetchMe, signOut as sendSignOut } from "../api/auth.ts";
import {
  isSharedDevice,
  isSignOutPending,
  lastUserId,
  rememberLastUser,
  setSharedDevice,
  setSignOutPending,
} from "./device-user.ts";
import { forgetUser } from "./forget-user.ts";

/**
 * Who is using Hearth on this device right now.
 * - `checking`: the app has just started and has not heard from the server yet.
 * - `signed-in` from the `server`, or from the `device` when the server could not be asked
 *   (then `problem` says why: NET-601, NET-602, SRV-502…).
 * - `signed-out`, with why: the person `signed-out`, their session `ended` (AUTH-102), or it
 *   ran out of `idle` time while the app was open (client/features/idle; AUTH-147).
 */
export type Session =
  | { state: "checking" }
  | { state: "signed-in"; me: Me; source: "server" | "device"; problem?: ErrorCode }
  | { state: "signed-out"; reason?: "signed-out" | "ended" | "idle"; problem?: ErrorCode };

const [session, setSession] = createSignal<Session>({ state: "checking" });

export { session };

/** The signed-in person, or undefined. */
export function currentUser(): Me | undefined {
  const current = session();
  return current.state === "signed-in" ? current.me : undefined;
}

/**
 * Works out who is signed in when the app starts (and again when the network comes back):
 * the server's answer if there is one; else, offline, the profile this device saved for the
 * last person who signed in.
 */
export async function startSession(): Promise<void> {
  if (isSignOutPending()) {
    const ended = await sendSignOut();
    if (!ended.ok && ended.code !== "AUTH-102") {
      setSession({ state: "signed-out", problem: ended.code });
      return;
    }
    setSignOutPending(false);
  }
  const answer = await fetchMe();
  if (answer.ok) return signedIn(answer.data);
  const userId = lastUserId();
  if (answer.code === "AUTH-102") {
    // The session ended on the server (expired, revoked, signed out elsewhere). On a shared
    // device the device's copy goes with it. On a personal one it stays, outbox included, so
    // the same person's offline writes still reach the server when they sign in again;
    // someone else signing in wipes it (`signedIn`).
    if (userId && isSharedDevice()) {
      await forgetUser(userId);
      setSharedDevice(false);
    }
    setSession({ state: "signed-out", reason: userId ? "ended" : undefined });
    return;
  }
  if (userId && isSharedDevice()) {
    // A shared device never opens a saved copy without a live session: whatever is left of the
    // last session goes now (ABUSE-CASES 25).
    await forgetUser(userId);
    setSharedDevice(false);
    setSession({ state: "signed-out", problem: answer.code });
    return;
  }
  const saved = userId ? await savedProfile(userId) : undefined;
  setSession(
    saved
      ? { state: "signed-in", me: saved, source: "device", problem: answer.code }
      : { state: "signed-out", problem: answer.code },
  );
}

/** Sends what the outbox holds before a sign-out wipes it; set by the signed-in frame. */
let flushOutbox: (() => Promise<void>) | undefined;

export function setSignOutFlush(flush: (() => Promise<void>) | undefined): void {
  flushOutbox = flush;
}

/**
 * Records a successful sign-in or /api/me answer: remembers who this device belongs to and
 * saves their profile for offline use. Signing in as someone else first wipes the previous
 * person's data (ARCHITECTURE.md, "Tabs and devices").
 */
export async function signedIn(me: Me): Promise<void> {
  const previous = lastUserId();
  if (previous && previous !== me.id) await forgetUser(previous);
  setSignOutPending(false);
  rememberLastUser(me.id);
  setSession({ state: "signed-in", me, source: "server" });
  try {
    // The profile for offline use, and the account's language or the one just chosen here.
    const { keepSignedIn } = await import("./account-language.ts");
    await keepSignedIn(me);
  } catch {
    // IndexedDB refused (private window, storage full): online use still works.
    if (currentUser()?.id === me.id) {
      setSession({ state: "signed-in", me, source: "server", problem: "DEV-701" });
    }
  }
}

/**
 * Ends the session on the server and wipes this device. If the server cannot be reached the
 * device is wiped anyway (a shared phone must not keep the data) and the server session is
 * ended on the next start.
 */
export async function signOut(): Promise<void> {
  const userId = currentUser()?.id ?? lastUserId();
  // Writes still waiting are sent first, while the session is alive; offline they are lost
  // with the rest of the device's copy, which a sign-out must not leave behind.
  await flushOutbox?.().catch(() => undefined);
  const ended = await sendSignOut();
  if (!ended.ok && ended.code !== "AUTH-102") setSignOutPending(true);
  if (userId) await forgetUser(userId);
  setSharedDevice(false);
  setSession({ state: "signed-out", reason: "signed-out" });
}

/**
 * The idle dialog ran out (client/features/idle): the session is ended on the server now, not
 * at its next request, and the device is left as when a session ends by itself (`startSession`):
 * a shared device forgets the person entirely (ABUSE-CASES 25); a personal one keeps its copy
 * and outbox for the same person's next sign-in.
 */
export async function endIdleSession(): Promise<void> {
  const userId = currentUser()?.id ?? lastUserId();
  const ended = await sendSignOut();
  if (!ended.ok && ended.code !== "AUTH-102") setSignOutPending(true);
  if (userId && isSharedDevice()) {
    await forgetUser(userId);
    setSharedDevice(false);
  }
  setSession({ state: "signed-out", reason: "idle" });
}

/** Dexie is loaded only here and after sign-in, never on the sign-in page's first load. */
async function savedProfile(userId: string): Promise<Me | undefined> {
  try {
    const { loadProfile } = await import("./profile.ts");
    const saved = await loadProfile(userId);
    if (!saved) return undefined;
    const { savedAt: _, ...me } = saved;
    return me;
  } catch {
    return undefined;
  }
}

if (typeof window !== "undefined") {
  // Back online after starting from the device's copy: ask the server again, once.
  window.addEventListener("online", () => {
    const current = session();
    const fromDevice = current.state === "signed-in" && current.source === "device";
    const couldNotAsk = current.state === "signed-out" && current.problem !== undefined;
    if (fromDevice || couldNotAsk) void startSession();
  });
}
