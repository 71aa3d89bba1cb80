/**
 * What one tab tells the others about who is signed in on this device: someone signed in, the
 * person signed out, or a person's copy was wiped. A page that kept showing its person after
 * any of these would show one person's record under another's session, or re-create the
 * database just deleted (ADR 29).
 *
 * Only the channel is here, in the sign-in page's 40 KB (scripts/bundle-budget.ts): what a tab
 * does with a message is in tab-follow.ts, which loads with the device's database.
 */
export type TabMessage =
  | { kind: "signed-in"; userId: string }
  | { kind: "signed-out" }
  | { kind: "wiped"; userId: string };

let channel: BroadcastChannel | undefined;

/**
 * The page's one channel to the other tabs: one object for sending and hearing, as a channel
 * never hears itself, so a tab never follows its own news. Undefined where the browser has none
 * (no browser Hearth's build targets), and tab-follow.ts listens to localStorage instead.
 */
export function tabChannel(): BroadcastChannel | undefined {
  if (!channel && typeof BroadcastChannel !== "undefined") {
    channel = new BroadcastChannel("hearth-session");
  }
  return channel;
}

/** Sends `message` to every other tab of this origin, in order. */
export function tellOtherTabs(message: TabMessage): void {
  tabChannel()?.postMessage(message);
}
