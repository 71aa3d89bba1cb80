import type { Accessor } from "solid-js";
import type { AppointmentMutationArgs } from "../../../shared/contracts/appointments.ts";
import { createDeviceQuery, type DeviceSource, readValue } from "../../local/device-query.ts";
import type { OutboxEntry, UserDatabase } from "../../local/user-database.ts";
import { type AppointmentView, appointmentView } from "./appointment-view.ts";

/** An appointment change still in the outbox: waiting to be sent, or refused by the server. */
export type PendingChange = {
  [N in keyof AppointmentMutationArgs]: OutboxEntry & { name: N; args: AppointmentMutationArgs[N] };
}[keyof AppointmentMutationArgs];

/** What the appointment pages read: the synced appointments and the changes not yet applied. */
export interface DeviceAppointments {
  db: UserDatabase;
  userId: string;
  appointments: AppointmentView[];
  changes: PendingChange[];
}

function isAppointmentChange(entry: OutboxEntry): entry is PendingChange {
  return entry.name.startsWith("appointment.");
}

/**
 * The person's appointments as the device holds them (Dexie liveQuery): readable offline,
 * re-rendered when a sync brings the server's answer. Requests still in the outbox come along,
 * so a booking made offline shows as "requested", and one the server refused shows why.
 */
export function createDeviceAppointments(): Accessor<DeviceAppointments | undefined> {
  const read = createDeviceQuery(() => readDeviceAppointments);
  return () => readValue(read());
}

async function readDeviceAppointments({
  db,
  patientId,
}: DeviceSource): Promise<DeviceAppointments> {
  const rows = patientId
    ? await db.resources
        .where("[patientId+type+effectiveAt]")
        .between([patientId, "Appointment", ""], [patientId, "Appointment", "\uffff"])
        .toArray()
    : [];
  const outbox = await db.outbox.orderBy("seq").toArray();
  return {
    db,
    userId: db.userId,
    appointments: rows.flatMap((row) => appointmentView(row.resource) ?? []),
    changes: outbox.filter(
      (entry): entry is PendingChange => entry.author === db.userId && isAppointmentChange(entry),
    ),
  };
}
