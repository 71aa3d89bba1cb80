import { liveQuery } from "dexie";
import { type Accessor, createEffect, createSignal, onCleanup } from "solid-js";
import { createSignedInDatabase } from "./signed-in-database.ts";
import type { UserDatabase } from "./user-database.ts";

/** What a page reads the device's copy with: the database and whose record it shows. */
export interface DeviceSource {
  db: UserDatabase;
  /** The signed-in person's own record (proxies, later, will pick another). */
  patientId: string | undefined;
}

/** A query's state: still reading, or its answer. */
export type Read<T> = { state: "reading" } | { state: "ready"; value: T; db: UserDatabase };

/** The answer of a read, once there is one. */
export function readValue<T>(read: Read<T>): T | undefined {
  return read.state === "ready" ? read.value : undefined;
}

/** The device's own patient: the record the signed-in person's account is for. */
export async function ownPatientId(db: UserDatabase): Promise<string | undefined> {
  return (await db.patients.filter((patient) => patient.self).first())?.id;
}

/**
 * The one way pages read the device's copy: `query` runs against the signed-in person's
 * database (opened once, for whoever is signed in now) and their own patient, as a Dexie
 * liveQuery. The page shows the answer as soon as IndexedDB gives it, works with no network,
 * and re-renders by itself when a sync brings new rows or a write lands in the outbox, in this
 * tab or another. Reading `query`'s own signals (a page size, a date filter) re-runs it.
 *
 * @example const results = createDeviceQuery(() => (source) => resultsTimeline(source, limit()));
 */
export function createDeviceQuery<T>(
  query: () => ((source: DeviceSource) => Promise<T>) | undefined,
): Accessor<Read<T>> {
  const db = createSignedInDatabase();
  const [read, setRead] = createSignal<Read<T>>({ state: "reading" }, { equals: false });
  createEffect(() => {
    const open = db();
    const run = query();
    if (!open || !run) return;
    const subscription = liveQuery(async () =>
      run({ db: open, patientId: await ownPatientId(open) }),
    ).subscribe({
      next: (value) => setRead({ state: "ready", value, db: open }),
      // A failed read (storage gone mid-session) leaves what was shown; sync reports storage.
      error: () => undefined,
    });
    onCleanup(() => subscription.unsubscribe());
  });
  return read;
}
