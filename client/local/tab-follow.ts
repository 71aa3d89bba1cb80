import { createEffect, createRoot } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { announce } from "../ui/announce.ts";
import { lastUserKey } from "./device-user.ts";
import { type Session, session, signedOutByOtherTab, startSession } from "./session.ts";
import { type TabMessage, tabChannel } from "./tab-signal.ts";

/** Why a tab that followed another one is now signed out (Session's `reason`). */
export type FollowedReason = "signed-out" | "ended" | "other-account";

/**
 * What a tab does with a message from another tab (tab-signal.ts), given its session and the
 * person it last showed: nothing (undefined), `adopt` the session (ask the server, as at
 * start), or sign out, saying why.
 *
 * A tab left on the sign-in page after its person's session ended follows that person signing
 * in again elsewhere, and not someone else: it says another account signed in instead.
 */
export function responseTo(
  message: TabMessage,
  current: Session,
  lastShown: string | undefined,
): "adopt" | FollowedReason | undefined {
  const signedIn = current.state === "signed-in";
  const shown = signedIn ? current.me.id : lastShown;
  if (message.kind === "signed-in") {
    if (shown === undefined || shown === message.userId) return "adopt";
    const told = current.state === "signed-out" && current.reason === "other-account";
    return told ? undefined : "other-account";
  }
  if (!signedIn) return undefined;
  if (message.kind === "signed-out") return "signed-out";
  return message.userId === shown ? "ended" : undefined;
}

/** What the sign-in page's notice says for each reason, said once to screen readers too. */
const followedWords = {
  "signed-out": "status.signedOut",
  ended: "signIn.sessionEnded",
  "other-account": "signIn.otherAccount",
} as const;

let following = false;

/**
 * Makes this tab follow the others, from the moment the device's database is first loaded
 * (user-database.ts calls it, with what closes its handle): before that the tab has shown
 * nobody's data. Each message first goes to `close`, then the session follows: signed out with
 * the reason (the signed-in frame and its sync engine unmount with it), or asked again.
 */
export function followOtherTabs(close: (message: TabMessage) => void): void {
  if (following || typeof window === "undefined") return;
  following = true;
  // The person this tab last showed, kept after it signs out.
  let shown: string | undefined;
  createRoot(() =>
    createEffect(() => {
      const current = session();
      if (current.state === "signed-in") shown = current.me.id;
    }),
  );
  const deliver = (message: TabMessage) => {
    close(message);
    const response = responseTo(message, session(), shown);
    if (response === "adopt") void startSession();
    else if (response) {
      signedOutByOtherTab(response);
      announce(t(followedWords[response]));
    }
  };
  const channel = tabChannel();
  if (channel) {
    channel.onmessage = (event: MessageEvent<TabMessage>) => deliver(event.data);
  } else {
    // Without BroadcastChannel: the last user's id, which sign-in and wipes write anyway.
    addEventListener("storage", (event) => {
      const message = fromStorage(event.key, event.oldValue, event.newValue);
      if (message) deliver(message);
    });
  }
}

/** The fallback's reading of another tab's change to the last user's id. */
export function fromStorage(
  key: string | null,
  oldValue: string | null,
  newValue: string | null,
): TabMessage | undefined {
  if (key !== lastUserKey) return undefined;
  if (newValue) return { kind: "signed-in", userId: newValue };
  return oldValue ? { kind: "wiped", userId: oldValue } : { kind: "signed-out" };
}
