import { liveQuery } from "dexie";
import { type Accessor, from } from "solid-js";
import type { UserDatabase } from "../../local/user-database.ts";
import {
  buildThreads,
  careTeamsOf,
  type DeviceCareTeam,
  type DeviceThread,
} from "./device-inbox.ts";

export interface DeviceInbox {
  /** The patient's own record on this device; null when it holds none. */
  patientId: string | null;
  threads: DeviceThread[];
  careTeams: DeviceCareTeam[];
  unread: number;
}

/**
 * The inbox read from Dexie, live: it changes when a pull brings messages, when something is
 * written to the outbox, and when the server answers — in this tab or another — and works
 * with no network at all.
 *
 * @example const inbox = createDeviceInbox(db); <Show when={inbox()}>…</Show>
 */
export function createDeviceInbox(db: UserDatabase): Accessor<DeviceInbox | undefined> {
  return from(liveQuery(() => readDeviceInbox(db)));
}

export async function readDeviceInbox(db: UserDatabase): Promise<DeviceInbox> {
  const self = await db.patients.filter((p) => p.self).first();
  const outbox = await db.outbox.orderBy("seq").toArray();
  if (!self)
    return { patientId: null, threads: buildThreads([], [], outbox), careTeams: [], unread: 0 };
  const [communications, teams] = await Promise.all([
    db.resources.where("[patientId+type]").equals([self.id, "Communication"]).toArray(),
    db.resources.where("[patientId+type]").equals([self.id, "CareTeam"]).toArray(),
  ]);
  const careTeams = careTeamsOf(teams);
  const threads = buildThreads(communications, careTeams, outbox);
  return {
    patientId: self.id,
    threads,
    careTeams,
    unread: threads.reduce((n, t) => n + t.unread, 0),
  };
}
