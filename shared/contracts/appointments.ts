/**
 * Appointments as the API, the sync mutations and the pages see them
 * (docs/decisions/0017-appointments.md). The booked visits themselves reach devices as FHIR
 * Appointment resources through the normal pull; these are the shapes around them.
 */

export const visitTypes = ["in-person", "video"] as const;
export type VisitType = (typeof visitTypes)[number];

export const appointmentStatuses = [
  "booked",
  "cancelled",
  "checked-in",
  "fulfilled",
  "noshow",
] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Check-in opens this long before the start and closes at the start. */
export const checkInOpensDays = 7;
/** Longest reason for a visit, and longest free-text check-in answer. */
export const reasonMaxLength = 500;
export const answerMaxLength = 1000;
/** Days ahead a patient may book. */
export const bookingHorizonDays = 28;

/** What the person confirmed and answered at check-in; shown to the clinician. */
export interface CheckInAnswers {
  phone: string;
  medicationsConfirmed: boolean;
  allergiesConfirmed: boolean;
  /** What changed in medicines or allergies, in the person's words (may be empty). */
  changes: string;
  /** The visit's questions. */
  symptoms: string;
  interpreter: boolean;
}

/** A clinician a patient can book with, as the wizard lists them. */
export interface BookablePractitioner {
  scheduleId: string;
  name: string;
  location: string;
  timeZone: string;
  visitTypes: VisitType[];
}

/** `GET /api/appointments/practitioners`. */
export interface BookablePractitioners {
  practitioners: BookablePractitioner[];
}

/** A free slot: an instant (UTC, ISO 8601) and its end. */
export interface FreeSlot {
  scheduleId: string;
  start: string;
  end: string;
  visitType: VisitType;
}

/** `GET /api/appointments/slots`: free slots of one practitioner and visit type. */
export interface FreeSlotsResponse {
  slots: FreeSlot[];
  /** When the server answered: the wizard says how old a saved list is. */
  at: string;
}

/** One weekly period of availability (wall clock in the schedule's zone). */
export interface TemplatePeriod {
  weekday: number;
  startTime: string;
  endTime: string;
  visitType: VisitType;
  slotMinutes: number;
}

/** A one-off change to one date: closed all day, or open for the given hours instead. */
export type AvailabilityOverride =
  | { id?: string; date: string; kind: "closed" }
  | {
      id?: string;
      date: string;
      kind: "open";
      startTime: string;
      endTime: string;
      visitType: VisitType;
      slotMinutes: number;
    };

/** `GET /api/appointments/availability` (clinicians, their own schedule). */
export interface Availability {
  timeZone: string;
  location: string;
  phone: string;
  template: TemplatePeriod[];
  overrides: AvailabilityOverride[];
}

/** One visit in the clinician's day or week list. */
export interface ClinicianAppointment {
  id: string;
  patientName: string | null;
  start: string;
  end: string;
  visitType: VisitType;
  reason: string;
  status: AppointmentStatus;
  checkIn: CheckInAnswers | null;
}

/** `GET /api/appointments/clinician?from&to`. */
export interface ClinicianAppointments {
  timeZone: string;
  appointments: ClinicianAppointment[];
}

/** The mutations appointments add to the sync protocol (shared/contracts/sync.ts). */
export interface AppointmentMutationArgs {
  /** `id` is made on the device: it becomes the appointment's id, and its FHIR id. */
  "appointment.book": {
    id: string;
    scheduleId: string;
    start: string;
    visitType: VisitType;
    reason: string;
  };
  "appointment.cancel": { appointmentId: string };
  /** Moves a visit to another start of the same schedule and kind; `newId` is the new visit. */
  "appointment.reschedule": { appointmentId: string; newId: string; start: string };
  "appointment.checkIn": { appointmentId: string; answers: CheckInAnswers };
}

/** FHIR extension on an Appointment: the instant after which it can only be changed by phone. */
export const changeDeadlineExtension = "https://hearth.example.org/fhir/change-deadline";
/** Code system of an Appointment's `appointmentType`: in person or video. */
export const visitTypeSystem = "https://hearth.example.org/fhir/visit-type";
/** Identifier system of a Schedule: Hearth's schedule id. */
export const scheduleSystem = "https://hearth.example.org/fhir/schedule";
