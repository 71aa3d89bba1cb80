import type { Me } from "../../shared/contracts/me.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import { fetchMe, signOut as sendSignOut } from "../api/auth.ts";
import {
  hasKeptWrites,
  isSharedDevice,
  isSignOutPending,
  lastUserId,
  rememberLastUser,
  setSharedDevice,
  setSignOutPending,
} from "./device-user.ts";
import { forgetUser } from "./forget-user.ts";
import { retryDelayMs } from "./retry-delay.ts";
import { currentUser, session, setSession } from "./session-state.ts";
import { tellOtherTabs } from "./tab-signal.ts";

// Pages read who is signed in from here; how a session ends on purpose is session-end.ts.
export { currentUser, deviceUserId, type Session, session } from "./session-state.ts";

/**
 * Works out who is signed in when the app starts (and again when the network comes back):
 * the server's answer if there is one; else, offline, the profile this device saved for the
 * last person who signed in.
 */
export async function startSession(): Promise<void> {
  // Another account's writes kept here past their limit go (kept-writes.ts).
  if (hasKeptWrites()) await (await import("./kept-writes.ts")).deleteExpiredKept();
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
    // device the device's copy goes with it. On a personal one it locks, outbox included, so
    // the same person's offline writes still reach the server when they sign in again —
    // unless the server has cut this device off, which deletes it now.
    if (userId && isSharedDevice()) {
      await forgetUser(userId);
      setSharedDevice(false);
    } else if (
      userId &&
      (await lock().then(
        (l) => l.lockOnSessionEnd(userId),
        () => false,
      ))
    ) {
      setSession({ state: "signed-out", reason: "ended", problem: "AUTH-148" });
      return;
    }
    setSession({ state: "signed-out", reason: userId ? "ended" : undefined });
    return;
  }
  if (userId && isSharedDevice()) {
    // A shared device never opens a saved copy without a live session: whatever is left of the
    // last session goes now (docs/abuse-cases.md 25).
    await forgetUser(userId);
    setSharedDevice(false);
    setSession({ state: "signed-out", problem: answer.code });
    return;
  }
  const opening = userId
    ? await lock().then(
        (l) => l.offlineOpening(userId),
        () => "none" as const,
      )
    : "none";
  if (userId && opening !== "open" && opening !== "none") {
    // The server cannot be asked and the copy is locked: only its PIN or passkey opens it.
    setSession(
      opening.length > 0
        ? { state: "locked", userId, methods: opening, problem: answer.code }
        : { state: "signed-out", problem: "DEV-703" },
    );
    return;
  }
  const saved = userId ? await savedProfile(userId) : undefined;
  setSession(
    saved
      ? { state: "signed-in", me: saved, source: "device", problem: answer.code }
      : { state: "signed-out", problem: answer.code },
  );
}

/** After the PIN or passkey opened the copy (client/features/lock): its saved profile. */
export async function unlockedOffline(userId: string): Promise<void> {
  const saved = await savedProfile(userId);
  setSession(
    saved
      ? { state: "signed-in", me: saved, source: "device" }
      : { state: "signed-out", problem: "NET-601" },
  );
}

/** The PIN was wrong too often and the copy is gone (client/features/lock). */
export function copyWiped(): void {
  setSession({ state: "signed-out", problem: "DEV-705" });
}

/** The device copy's lock, loaded with Dexie (lock/session-lock.ts). */
const lock = () => import("./lock/session-lock.ts");

/**
 * Records a successful sign-in or /api/me answer: remembers who this device belongs to and
 * saves their profile for offline use. Signing in as someone else first wipes the previous
 * person's data (docs/architecture.md, "Tabs and devices") but for their unsent writes, which wait
 * for them, bound to them, and the new person is told (kept-writes.ts).
 */
export async function signedIn(me: Me): Promise<void> {
  if (currentUser()?.id !== me.id) tellOtherTabs({ kind: "signed-in", userId: me.id });
  const previous = lastUserId();
  // The previous person's copy goes, but for their unsent writes, kept for them (kept-writes.ts).
  const { settleKeptAtSignIn } = await import("./kept-writes.ts");
  await settleKeptAtSignIn(me.id, previous);
  setSignOutPending(false);
  rememberLastUser(me.id);
  await openCopy(me, previous);
}

/**
 * The device copy opens with the server's key before anything reads or writes it. When the
 * server cannot be reached for that key (the network went between /api/me and the key), the
 * copy stays shut and no page opens it, so no write is refused half-way: a copy with a PIN or
 * passkey goes to /unlock, any other waits (`copyWaiting`), and both try the server again by
 * themselves (`retryOpeningLater`) and when the network comes back.
 */
async function openCopy(me: Me, previous: string | undefined, attempt = 0): Promise<void> {
  let problem: ErrorCode | undefined;
  let opened = false;
  let device: Awaited<ReturnType<typeof lock>> | undefined;
  try {
    device = await lock();
    const opening = await device.openOnSignIn(me.id, previous);
    if (opening.outcome === "failed") problem = opening.code;
    if (opening.outcome === "revoked") problem = "AUTH-148";
    opened = device.isCopyOpen(me.id);
  } catch {
    problem = "DEV-701";
  }
  // The session ended while the key was asked for: startSession says so, and locks or wipes.
  if (!opened && problem === "AUTH-102") return startSession();
  if (!opened && device && problem && couldNotReach(problem)) {
    const ways = await device.offlineOpening(me.id).catch(() => "none" as const);
    setSession(
      Array.isArray(ways) && ways.length > 0
        ? { state: "locked", userId: me.id, methods: ways, problem }
        : { state: "signed-in", me, source: "server", problem, copyWaiting: true },
    );
    retryOpeningLater(me, attempt);
    return;
  }
  waitingFor = undefined;
  setSession({ state: "signed-in", me, source: "server", ...(problem ? { problem } : {}) });
  if (!opened) return;
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

/** The server could not be asked: no network, no answer in time, or a gateway said it is down. */
function couldNotReach(code: ErrorCode): boolean {
  return code === "NET-601" || code === "NET-602" || code === "SRV-502";
}

/** Who is waiting for their copy's key from the server, and the timer of the next try. */
let waitingFor: { me: Me; attempt: number; timer: ReturnType<typeof setTimeout> } | undefined;

function retryOpeningLater(me: Me, attempt: number): void {
  if (waitingFor) clearTimeout(waitingFor.timer);
  const timer = setTimeout(() => void retryOpening(), retryDelayMs(attempt));
  waitingFor = { me, attempt, timer };
}

/**
 * Asks the server for the copy's key again, now: for the person signed in whose copy is still
 * shut after sign-in (the "Try again" of the waiting page, the timer, the network coming back).
 * Does nothing once the copy is open, or unlocked with the PIN, or the session has moved on.
 */
export async function retryOpening(): Promise<void> {
  const waiting = waitingFor;
  if (!waiting) return;
  clearTimeout(waiting.timer);
  if (!isWaitingForKey()) {
    waitingFor = undefined;
    return;
  }
  await openCopy(waiting.me, waiting.me.id, waiting.attempt + 1);
}

/** Whether the session is still the one whose copy stayed shut at sign-in (`openCopy`). */
function isWaitingForKey(): boolean {
  const current = session();
  const id = waitingFor?.me.id;
  return (
    (current.state === "signed-in" && current.copyWaiting === true && current.me.id === id) ||
    (current.state === "locked" && current.userId === id)
  );
}

/** Another tab signed in as someone else, signed out, or wiped this copy (tab-follow.ts). */
export function signedOutByOtherTab(reason: "signed-out" | "ended" | "other-account"): void {
  setSession({ state: "signed-out", reason });
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
    if (isWaitingForKey()) void retryOpening();
    else if (fromDevice || couldNotAsk || current.state === "locked") void startSession();
  });
}
