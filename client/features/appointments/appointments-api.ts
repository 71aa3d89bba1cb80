import type {
  Availability,
  AvailabilityOverride,
  BookablePractitioners,
  ClinicianAppointments,
  FreeSlotsResponse,
  TemplatePeriod,
  VisitType,
} from "../../../shared/contracts/appointments.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { request } from "../../api/request.ts";
import type { UserDatabase } from "../../local/user-database.ts";

/**
 * The online part of appointments: who can be booked and their free slots (saved on the
 * device as the wizard sees them, so a booking can be started offline), and the clinician's
 * list and availability. Booking, cancelling and check-in are outbox mutations, not calls.
 */
const hasArray = (key: string) => (json: unknown) =>
  isRecord(json) && Array.isArray(json[key]) ? json : undefined;

export async function fetchPractitioners(db: UserDatabase) {
  const result = await request<BookablePractitioners>({
    method: "GET",
    path: "/api/appointments/practitioners",
    read: (json) => hasArray("practitioners")(json) as BookablePractitioners | undefined,
  });
  if (result.ok) await save(db, "practitioners", result.data);
  return result;
}

export async function fetchFreeSlots(db: UserDatabase, scheduleId: string, visitType: VisitType) {
  const query = new URLSearchParams({ scheduleId, visitType });
  const result = await request<FreeSlotsResponse>({
    method: "GET",
    path: `/api/appointments/slots?${query}`,
    read: (json) => hasArray("slots")(json) as FreeSlotsResponse | undefined,
  });
  if (result.ok) await save(db, slotsKey(scheduleId, visitType), result.data);
  return result;
}

/** The free slots nearest to a time that was taken: what the person is offered instead. */
export function fetchNearestSlots(scheduleId: string, visitType: VisitType, around: string) {
  const query = new URLSearchParams({ scheduleId, visitType, around, count: "5" });
  return request<FreeSlotsResponse>({
    method: "GET",
    path: `/api/appointments/slots?${query}`,
    read: (json) => hasArray("slots")(json) as FreeSlotsResponse | undefined,
  });
}

export function slotsKey(scheduleId: string, visitType: VisitType): string {
  return `slots:${scheduleId}:${visitType}`;
}

/** What the wizard last saw under `key`, and when, or undefined. */
export async function savedOptions<T>(
  db: UserDatabase,
  key: string,
): Promise<{ data: T; savedAt: string } | undefined> {
  const row = await db.bookingOptions.get(key);
  return row ? { data: row.data as T, savedAt: row.savedAt } : undefined;
}

async function save(db: UserDatabase, key: string, data: unknown): Promise<void> {
  await db.bookingOptions.put({ key, data, savedAt: new Date().toISOString() });
}

export function fetchClinicianAppointments(from: Date, to: Date) {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  return request<ClinicianAppointments>({
    method: "GET",
    path: `/api/appointments/clinician?${query}`,
    read: (json) => hasArray("appointments")(json) as ClinicianAppointments | undefined,
  });
}

export function fetchAvailability() {
  return request<Availability>({
    method: "GET",
    path: "/api/appointments/clinician/availability",
    read: (json) => hasArray("template")(json) as Availability | undefined,
  });
}

export function saveAvailability(body: {
  timeZone: string;
  location: string;
  phone: string;
  template: TemplatePeriod[];
}) {
  return request<undefined>({
    method: "POST",
    path: "/api/appointments/clinician/availability",
    body,
  });
}

export function addOverride(body: AvailabilityOverride) {
  return request<{ id: string }>({
    method: "POST",
    path: "/api/appointments/clinician/availability/overrides",
    body,
    read: (json) => (isRecord(json) && typeof json.id === "string" ? { id: json.id } : undefined),
  });
}

export function removeOverride(id: string) {
  return request<undefined>({
    method: "POST",
    path: `/api/appointments/clinician/availability/overrides/${encodeURIComponent(id)}/delete`,
    body: {},
  });
}
