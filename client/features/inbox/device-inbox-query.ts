import type { Accessor } from "solid-js";
import { createDeviceQuery, type DeviceSource, readValue } from "../../local/device-query.ts";
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
 * @example const inbox = createDeviceInbox(); <Show when={inbox()}>…</Show>
 */
export function createDeviceInbox(): Accessor<DeviceInbox | undefined> {
  const read = createDeviceQuery(() => readDeviceInbox);
  return () => readValue(read());
}

async function readDeviceInbox({ db, patientId }: DeviceSource): Promise<DeviceInbox> {
  const outbox = await db.outbox.orderBy("seq").toArray();
  if (!patientId)
    return { patientId: null, threads: buildThreads([], [], outbox), careTeams: [], unread: 0 };
  const [communications, teams] = await Promise.all([
    db.resources.where("[patientId+type]").equals([patientId, "Communication"]).toArray(),
    db.resources.where("[patientId+type]").equals([patientId, "CareTeam"]).toArray(),
  ]);
  const careTeams = careTeamsOf(teams);
  const threads = buildThreads(communications, careTeams, outbox);
  return {
    patientId,
    threads,
    careTeams,
    unread: threads.reduce((n, t) => n + t.unread, 0),
  };
}
