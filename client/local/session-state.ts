import { createSignal } from "solid-js";
import type { Me } from "../../shared/contracts/me.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import type { UnlockMethod } from "./lock/copy-lock.ts";

/**
 * Who is using Hearth on this device right now.
 * - `checking`: the app has just started and has not heard from the server yet.
 * - `signed-in` from the `server`, or from the `device` when the server could not be asked
 *   (then `problem` says why: NET-601, NET-602, SRV-502…).
 * - `signed-out`, with why: the person `signed-out`, their session `ended` (AUTH-102), or it
 *   ran out of `idle` time while the app was open (client/features/idle; AUTH-147), or another
 *   tab signed in as someone else (`other-account`, tab-follow.ts).
 */
export type Session =
  | { state: "checking" }
  | {
      state: "signed-in";
      me: Me;
      source: "server" | "device";
      problem?: ErrorCode;
      /**
       * Signed in, but the server could not be reached for the device copy's key (`problem`
       * says why) and the copy has no PIN or passkey: it stays shut, and no page opens it,
       * until the key comes (session.ts, `retryOpening`).
       */
      copyWaiting?: true;
    }
  | {
      state: "signed-out";
      reason?: "signed-out" | "ended" | "idle" | "other-account";
      problem?: ErrorCode;
      /** Signing out kept this person's unsent writes for their next sign-in (kept-writes.ts). */
      kept?: true;
    }
  /**
   * Offline, with the last person's copy locked (docs/decisions/0029-device-copy-lock.md): it
   * opens with their PIN or passkey (`/unlock`), or online by signing in.
   */
  | { state: "locked"; userId: string; methods: UnlockMethod[]; problem?: ErrorCode };

const [session, setSession] = createSignal<Session>({ state: "checking" });

/**
 * Read by every page; set only by the session's own modules: session.ts (starting, signing in,
 * locking) and session-end.ts (signing out, the idle end), which loads with signed-in pages.
 */
export { session, setSession };

/**
 * The signed-in person whose device copy is open to read and write: undefined while it waits
 * for its key (`copyWaiting`). What every reader of the device database opens it for.
 */
export function deviceUserId(): string | undefined {
  const current = session();
  return current.state === "signed-in" && !current.copyWaiting ? current.me.id : undefined;
}

/** The signed-in person, or undefined. */
export function currentUser(): Me | undefined {
  const current = session();
  return current.state === "signed-in" ? current.me : undefined;
}
