import { signOut as sendSignOut } from "../api/auth.ts";
import { isSharedDevice, lastUserId, setSharedDevice, setSignOutPending } from "./device-user.ts";
import { forgetUser } from "./forget-user.ts";
import { forgetDataKey } from "./lock/data-key.ts";
import { currentUser, setSession } from "./session-state.ts";
import { tellOtherTabs } from "./tab-signal.ts";

/*
 * How a session ends on purpose: signing out (the button and its dialog) and the idle limit
 * (client/features/idle). Only signed-in pages offer either, so this loads with them, never with
 * the sign-in page (scripts/bundle-budget.ts); how a session starts is session.ts.
 */

/** Sends what the outbox holds before a sign-out wipes it; set by the signed-in frame. */
let flushOutbox: (() => Promise<void>) | undefined;

export function setSignOutFlush(flush: (() => Promise<void>) | undefined): void {
  flushOutbox = flush;
}

/** "Send them first" (the sign-out dialog): the outbox is sent now, while the session lives. */
export async function sendUnsentNow(): Promise<void> {
  await flushOutbox?.().catch(() => undefined);
}

/**
 * What a sign-out does with writes not sent yet (client/ui/sign-out-dialog.tsx asks):
 * `send-then-delete` tries to send them and deletes what is left; `keep` keeps them, and drafts,
 * for the author's next sign-in (not on a shared device, which keeps nothing); `delete` deletes
 * them unsent.
 */
export type UnsentChoice = "send-then-delete" | "keep" | "delete";

/**
 * Ends the session on the server and wipes this device. If the server cannot be reached the
 * device is wiped anyway (a shared phone must not keep the data) and the server session is
 * ended on the next start.
 */
export async function signOut(unsent: UnsentChoice = "send-then-delete"): Promise<void> {
  const userId = currentUser()?.id ?? lastUserId();
  // Writes still waiting are sent first, while the session is alive.
  if (unsent === "send-then-delete") await sendUnsentNow();
  const ended = await sendSignOut();
  if (!ended.ok && ended.code !== "AUTH-102") setSignOutPending(true);
  tellOtherTabs({ kind: "signed-out" });
  forgetDataKey(userId);
  let kept = false;
  if (userId && unsent === "keep" && !isSharedDevice()) {
    kept = await (await import("./kept-writes.ts")).keepUnsentOrForget(userId);
  } else if (userId) await forgetUser(userId);
  setSharedDevice(false);
  setSession({ state: "signed-out", reason: "signed-out", ...(kept ? { kept: true } : {}) });
}

/**
 * The idle dialog ran out (client/features/idle): the session is ended on the server now, not
 * at its next request, and the device is left as when a session ends by itself (`startSession`):
 * a shared device forgets the person entirely (docs/abuse-cases.md 25); a personal one keeps its
 * copy and outbox for the same person's next sign-in.
 */
export async function endIdleSession(): Promise<void> {
  const userId = currentUser()?.id ?? lastUserId();
  const ended = await sendSignOut();
  if (!ended.ok && ended.code !== "AUTH-102") setSignOutPending(true);
  // The copy locks with the session: offline, only the PIN or passkey opens it again.
  if (userId) forgetDataKey(userId);
  if (userId && isSharedDevice()) {
    await forgetUser(userId);
    setSharedDevice(false);
  }
  setSession({ state: "signed-out", reason: "idle" });
}
