import { describe, expect, it } from "vitest";
import {
  changeDeadlineExtension,
  scheduleSystem,
  visitTypeSystem,
} from "../../../shared/contracts/appointments.ts";
import { appointmentView, canChangeOnline, checkInOpen, isUpcoming } from "./appointment-view.ts";

const resource = {
  resourceType: "Appointment",
  id: "a1",
  status: "booked",
  start: "2026-03-09T13:00:00.000Z",
  end: "2026-03-09T13:30:00.000Z",
  description: "Check-up",
  appointmentType: { coding: [{ system: visitTypeSystem, code: "in-person" }] },
  extension: [{ url: changeDeadlineExtension, valueInstant: "2026-03-08T13:00:00.000Z" }],
  contained: [
    {
      resourceType: "Location",
      id: "location",
      name: "Main St",
      telecom: [{ system: "phone", value: "+1 555" }],
    },
    {
      resourceType: "Schedule",
      id: "schedule",
      identifier: [{ system: scheduleSystem, value: "s1" }],
    },
  ],
  participant: [
    { actor: { reference: "Patient/p1" } },
    { actor: { display: "Dr. Jordan Lee" } },
    { actor: { reference: "#location", display: "Main St" } },
  ],
};

describe("appointmentView", () => {
  it("reads what the pages need from the synced FHIR Appointment", () => {
    expect(appointmentView(resource)).toEqual({
      id: "a1",
      status: "booked",
      start: "2026-03-09T13:00:00.000Z",
      end: "2026-03-09T13:30:00.000Z",
      visitType: "in-person",
      scheduleId: "s1",
      reason: "Check-up",
      practitioner: "Dr. Jordan Lee",
      location: "Main St",
      phone: "+1 555",
      changeDeadline: "2026-03-08T13:00:00.000Z",
    });
    const proposed = { ...resource, status: "proposed" };
    expect(appointmentView(proposed)).toBeUndefined();
  });

  it("allows changes online until the deadline and check-in in the 7 days before the start", () => {
    const view = appointmentView(resource);
    if (!view) throw new Error("no view");
    expect(canChangeOnline(view, new Date("2026-03-08T12:59:00Z"))).toBe(true);
    expect(canChangeOnline(view, new Date("2026-03-08T13:00:00Z"))).toBe(false);
    expect(checkInOpen(view, new Date("2026-03-02T12:59:00Z"))).toBe(false);
    expect(checkInOpen(view, new Date("2026-03-02T13:00:00Z"))).toBe(true);
    expect(checkInOpen(view, new Date("2026-03-09T13:00:00Z"))).toBe(false);
    expect(isUpcoming(view, new Date("2026-03-09T13:10:00Z"))).toBe(true);
    expect(isUpcoming({ ...view, status: "cancelled" }, new Date("2026-03-01T00:00:00Z"))).toBe(
      false,
    );
  });
});
