import { liveQuery } from "dexie";
import { type Accessor, createEffect, createSignal, onCleanup } from "solid-js";
import { createSignedInDatabase } from "../../local/signed-in-database.ts";
import type { UserDatabase } from "../../local/user-database.ts";

/** What a record page reads with: the device's database and whose record it shows. */
export interface RecordSource {
  db: UserDatabase;
  /** The signed-in person's own record (proxies, later, will pick another). */
  patientId: string | undefined;
}

/** A query's state: still reading, or its answer. */
export type Read<T> = { state: "reading" } | { state: "ready"; value: T; db: UserDatabase };

/**
 * Runs `query` against the device's copy of the record as a Dexie liveQuery: the page shows the
 * answer as soon as IndexedDB gives it, works with no network, and re-renders by itself when a
 * sync brings new rows. Reading `query`'s own signals (a page size, a date filter) re-runs it.
 *
 * @example const results = createRecordQuery(() => (source) => resultsTimeline(source, limit()));
 */
export function createRecordQuery<T>(
  query: () => ((source: RecordSource) => Promise<T>) | undefined,
): Accessor<Read<T>> {
  const db = createSignedInDatabase();
  const [read, setRead] = createSignal<Read<T>>({ state: "reading" }, { equals: false });
  createEffect(() => {
    const open = db();
    const run = query();
    if (!open || !run) return;
    const subscription = liveQuery(async () => {
      const self = await open.patients.filter((patient) => patient.self).first();
      return run({ db: open, patientId: self?.id });
    }).subscribe({
      next: (value) => setRead({ state: "ready", value, db: open }),
      // A failed read (storage gone mid-session) leaves what was shown; sync reports storage.
      error: () => undefined,
    });
    onCleanup(() => subscription.unsubscribe());
  });
  return read;
}
