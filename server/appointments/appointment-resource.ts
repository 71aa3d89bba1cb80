import { and, eq } from "drizzle-orm";
import {
  changeDeadlineExtension,
  scheduleSystem,
  visitTypeSystem,
} from "../../shared/contracts/appointments.ts";
import { type appointments, resources, type StoredFhirResource, users } from "../db/schema.ts";
import { contentHashOf } from "../fhir/identity.ts";
import { indexColumnsOf } from "../fhir/index-columns.ts";
import type { Transaction } from "../records/patient-version.ts";
import type { Schedule } from "./free-slots.ts";

type AppointmentRow = typeof appointments.$inferSelect;

/** When a visit stops being changeable online: `cutoffHours` before it starts. */
export function changeDeadline(start: Date, cutoffHours: number): Date {
  return new Date(start.getTime() - cutoffHours * 3_600_000);
}

/**
 * The appointment as a FHIR R4 Appointment, the copy that syncs to the patient's devices and
 * goes out in the record export. What a device needs to show it offline travels inside it:
 * the clinician's name, a contained Location with the clinic's phone (for "call us" after the
 * cut-off), the contained Schedule and Slot it was booked in (so the export carries FHIR's
 * Schedule/Slot picture too), and the change deadline as an extension.
 */
export function appointmentResource(
  row: AppointmentRow,
  schedule: Schedule,
  practitionerName: string,
  patientReference: string | null,
  deadline: Date,
): StoredFhirResource {
  const minutes = Math.round((row.end.getTime() - row.start.getTime()) / 60_000);
  return {
    resourceType: "Appointment",
    id: row.id,
    extension: [{ url: changeDeadlineExtension, valueInstant: deadline.toISOString() }],
    status: row.status,
    appointmentType: { coding: [{ system: visitTypeSystem, code: row.visitType }] },
    description: row.reason,
    start: row.start.toISOString(),
    end: row.end.toISOString(),
    minutesDuration: minutes,
    created: row.createdAt.toISOString(),
    slot: [{ reference: "#slot" }],
    contained: [
      {
        resourceType: "Location",
        id: "location",
        name: schedule.location,
        telecom: [{ system: "phone", value: schedule.phone }],
      },
      {
        resourceType: "Schedule",
        id: "schedule",
        // Hearth's id of the schedule: what a device asks free slots of to move this visit.
        identifier: [{ system: scheduleSystem, value: schedule.id }],
        actor: [{ display: practitionerName }, { reference: "#location" }],
      },
      {
        resourceType: "Slot",
        id: "slot",
        schedule: { reference: "#schedule" },
        status: row.status === "cancelled" ? "free" : "busy",
        start: row.start.toISOString(),
        end: row.end.toISOString(),
      },
    ],
    participant: [
      {
        actor: patientReference ? { reference: patientReference } : { display: "Patient" },
        status: "accepted",
      },
      { actor: { display: practitionerName }, status: "accepted" },
      { actor: { reference: "#location", display: schedule.location }, status: "accepted" },
    ],
  };
}

/**
 * Writes (or rewrites) the appointment's FHIR copy into `resources` at `version`, the
 * patient's version the caller took under the row lock (server/records/patient-version.ts),
 * so the next pull brings it to every device of the patient.
 */
export async function writeAppointmentResource(
  tx: Transaction,
  row: AppointmentRow,
  schedule: Schedule,
  cutoffHours: number,
  version: number,
  now: Date,
): Promise<void> {
  const [practitioner] = await tx
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, schedule.practitionerId));
  const [patient] = await tx
    .select({ id: resources.id })
    .from(resources)
    .where(
      and(
        eq(resources.patientId, row.patientId),
        eq(resources.resourceType, "Patient"),
        eq(resources.deleted, false),
      ),
    )
    .limit(1);
  const resource = appointmentResource(
    row,
    schedule,
    practitioner?.name ?? "",
    patient ? `Patient/${patient.id}` : null,
    changeDeadline(row.start, cutoffHours),
  );
  const values = {
    resource,
    contentHash: contentHashOf(resource),
    ...indexColumnsOf(resource),
    version,
    deleted: false,
    updatedAt: now,
  };
  const written = await tx
    .insert(resources)
    .values({
      id: row.id,
      patientId: row.patientId,
      resourceType: "Appointment",
      sourceKey: `hearth-appointment:${row.id}`,
      ...values,
    })
    .onConflictDoUpdate({
      target: resources.id,
      set: values,
      // Defence in depth: the sync push refuses an id held by another record before this
      // runs (server/foreign-ids.ts), so this may only ever rewrite this patient's Appointment.
      setWhere: and(
        eq(resources.patientId, row.patientId),
        eq(resources.resourceType, "Appointment"),
      ),
    })
    .returning({ id: resources.id });
  if (written.length === 0) throw new AppointmentIdTaken();
}

/** The appointment's id names another resource; the caller's transaction is rolled back. */
export class AppointmentIdTaken extends Error {
  override name = "AppointmentIdTaken";
}
