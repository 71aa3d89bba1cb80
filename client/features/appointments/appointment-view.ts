import {
  type AppointmentStatus,
  appointmentStatuses,
  changeDeadlineExtension,
  checkInOpensDays,
  scheduleSystem,
  type VisitType,
  visitTypes,
} from "../../../shared/contracts/appointments.ts";

/** An appointment as the pages show it, read from its FHIR Appointment (the synced copy). */
export interface AppointmentView {
  id: string;
  status: AppointmentStatus;
  start: string;
  end: string;
  visitType: VisitType;
  /** Hearth's schedule id, to find other free times of the same clinician. */
  scheduleId: string;
  reason: string;
  practitioner: string;
  location: string;
  phone: string;
  /** After this instant it can only be changed by calling the clinic. */
  changeDeadline: string;
}

interface FhirAppointment {
  id: string;
  status?: string;
  start?: string;
  end?: string;
  description?: string;
  appointmentType?: { coding?: { code?: string }[] };
  extension?: { url?: string; valueInstant?: string }[];
  participant?: { actor?: { reference?: string; display?: string } }[];
  contained?: {
    resourceType?: string;
    name?: string;
    telecom?: { value?: string }[];
    identifier?: { system?: string; value?: string }[];
  }[];
}

/** The view of a synced Appointment, or undefined when it lacks what the pages need. */
export function appointmentView(resource: {
  resourceType: string;
  id: string;
}): AppointmentView | undefined {
  const fhir = resource as unknown as FhirAppointment;
  const status = appointmentStatuses.find((s) => s === fhir.status);
  const visitType = visitTypes.find((v) => v === fhir.appointmentType?.coding?.[0]?.code);
  if (!status || !visitType || !fhir.start || !fhir.end) return undefined;
  const location = fhir.contained?.find((c) => c.resourceType === "Location");
  const schedule = fhir.contained?.find((c) => c.resourceType === "Schedule");
  const scheduleId = schedule?.identifier?.find((i) => i.system === scheduleSystem)?.value;
  const practitioner = fhir.participant?.find(
    (p) => p.actor?.display && !p.actor.reference?.startsWith("#") && !p.actor.reference,
  );
  const deadline = fhir.extension?.find((e) => e.url === changeDeadlineExtension)?.valueInstant;
  return {
    id: fhir.id,
    status,
    start: fhir.start,
    end: fhir.end,
    visitType,
    scheduleId: scheduleId ?? "",
    reason: fhir.description ?? "",
    practitioner: practitioner?.actor?.display ?? "",
    location: location?.name ?? "",
    phone: location?.telecom?.[0]?.value ?? "",
    changeDeadline: deadline ?? fhir.start,
  };
}

/** Still to come, and not cancelled: what "Upcoming" lists. */
export function isUpcoming(view: AppointmentView, now: Date): boolean {
  return view.status !== "cancelled" && Date.parse(view.end) > now.getTime();
}

/** Can be cancelled or moved online now (the server decides in the end). */
export function canChangeOnline(view: AppointmentView, now: Date): boolean {
  return (
    (view.status === "booked" || view.status === "checked-in") &&
    now.getTime() < Date.parse(view.changeDeadline)
  );
}

/** Check-in is open: from 7 days before the start until the start. */
export function checkInOpen(view: AppointmentView, now: Date): boolean {
  const start = Date.parse(view.start);
  return (
    (view.status === "booked" || view.status === "checked-in") &&
    now.getTime() >= start - checkInOpensDays * 86_400_000 &&
    now.getTime() < start
  );
}
