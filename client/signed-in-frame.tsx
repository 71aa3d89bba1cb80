import { createEffect, createMemo, on, onCleanup, Show, untrack } from "solid-js";
import { isLocale } from "../shared/locales/index.ts";
import { languageChosenEvent } from "./i18n/locale-choice.ts";
import { addToOutbox } from "./local/outbox.ts";
import { startSession } from "./local/session.ts";
import { setSignOutFlush } from "./local/session-end.ts";
import { createSignedInDatabase } from "./local/signed-in-database.ts";
import { createSyncEngine } from "./local/sync-engine.ts";
import { createSyncStatus, statusAnnouncementKey } from "./local/sync-status.ts";
import type { UserDatabase } from "./local/user-database.ts";
import { KeptWritesNotice } from "./ui/kept-writes-notice.tsx";
import { announce } from "./ui/live-region.tsx";
import { SyncStatusBanner, syncStatusText } from "./ui/sync-status-banner.tsx";

/** How long a sign-out waits for the outbox to be sent before wiping the device anyway. */
const signOutFlushMs = 5_000;

/**
 * What the app shell adds once someone is signed in: the device's database, the sync engine
 * that keeps it current, and the sync status every page shows and screen readers hear once
 * per change (WCAG 4.1.3). Loaded lazily: Dexie and the engine never weigh on the sign-in page.
 */
export default function SignedInFrame() {
  const database = createSignedInDatabase();
  return (
    <>
      <KeptWritesNotice />
      <Show
        when={database()}
        keyed
        fallback={
          <Show when={database.error}>
            <SyncStatusBanner status={{ kind: "failed", code: "DEV-701" }} />
          </Show>
        }
      >
        {(db) => <Syncing db={db} userId={db.userId} />}
      </Show>
    </>
  );
}

function Syncing(props: { db: UserDatabase; userId: string }) {
  const engine = createSyncEngine({
    userId: props.userId,
    db: props.db,
    // Ask again who is signed in: the answer (AUTH-102) signs out, and on a shared device
    // wipes the device.
    onSessionEnded: () => void startSession(),
  });
  void engine.start();
  setSignOutFlush(async () => {
    await Promise.race([
      engine.sync("manual"),
      new Promise((resolve) => setTimeout(resolve, signOutFlushMs)),
    ]);
  });
  // A language picked in the menu goes to the account (Me.locale) through the outbox.
  const onLanguage = (event: Event) => {
    const locale = (event as CustomEvent<unknown>).detail;
    if (isLocale(locale))
      void addToOutbox(props.db, props.userId, "profile.setLanguage", { locale });
  };
  window.addEventListener(languageChosenEvent, onLanguage);
  onCleanup(() => {
    engine.stop();
    setSignOutFlush(undefined);
    window.removeEventListener(languageChosenEvent, onLanguage);
  });

  const status = createSyncStatus(props.db, props.userId);
  // A memo, so the sentence is said when the key changes, not each time Dexie reports the same
  // state again (`on` alone runs for every change of `status`, equal key or not).
  const announcementKey = createMemo(() => {
    const current = status();
    return current && statusAnnouncementKey(current);
  });
  createEffect(
    on(announcementKey, (key) => {
      const current = untrack(status);
      if (key && current) announce(syncStatusText(current));
    }),
  );
  return <Show when={status()}>{(current) => <SyncStatusBanner status={current()} />}</Show>;
}
