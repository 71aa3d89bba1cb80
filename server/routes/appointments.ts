import { eq } from "drizzle-orm";
import { Hono } from "hono";
import {
  type BookablePractitioners,
  type FreeSlotsResponse,
  type VisitType,
  visitTypes,
} from "../../shared/contracts/appointments.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { sentInstant } from "../../shared/fhir-when.ts";
import { freeSlots, loadAvailability, nearestTo } from "../appointments/free-slots.ts";
import { requireUser } from "../auth/middleware.ts";
import type { AppEnv, Deps } from "../context.ts";
import { availabilityTemplates, schedules, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";

/**
 * What the booking wizard reads online: who can be booked, and their free slots. Neither is
 * anyone's health data (a free slot says nothing about who holds the others), so any
 * signed-in account may read them. Booking itself is a sync mutation (`appointment.book`), so
 * it works the same offline; the patient's appointments reach the device through the pull.
 */
export function appointmentRoutes(deps: Deps) {
  const { db, now } = deps;
  return (
    new Hono<AppEnv>()
      .use("*", requireUser)
      .get("/practitioners", async (c) => {
        const rows = await db
          .select({
            scheduleId: schedules.id,
            name: users.displayName,
            location: schedules.location,
            timeZone: schedules.timeZone,
            visitType: availabilityTemplates.visitType,
          })
          .from(schedules)
          .innerJoin(users, eq(users.id, schedules.practitionerId))
          .innerJoin(availabilityTemplates, eq(availabilityTemplates.scheduleId, schedules.id))
          .orderBy(users.displayName);
        const byId = new Map<string, BookablePractitioners["practitioners"][number]>();
        for (const { visitType, ...row } of rows) {
          const entry = byId.get(row.scheduleId) ?? { ...row, visitTypes: [] };
          if (!entry.visitTypes.includes(visitType)) entry.visitTypes.push(visitType);
          byId.set(row.scheduleId, entry);
        }
        for (const entry of byId.values()) {
          entry.visitTypes.sort((a, b) => visitTypes.indexOf(a) - visitTypes.indexOf(b));
        }
        const body: BookablePractitioners = { practitioners: [...byId.values()] };
        return c.json(body);
      })
      // ?scheduleId&visitType — every free slot up to the booking horizon; with &around=<instant>
      // the `count` nearest to it, which is what a person whose slot was taken is offered.
      .get("/slots", async (c) => {
        const scheduleId = c.req.query("scheduleId") ?? "";
        const visitType = c.req.query("visitType") as VisitType;
        if (!isUuid(scheduleId)) throw new ApiError("REQ-302", [invalid("scheduleId")]);
        if (!visitTypes.includes(visitType)) throw new ApiError("REQ-302", [invalid("visitType")]);
        const availability = await loadAvailability(db, scheduleId);
        if (!availability) throw new ApiError("REQ-304");
        const at = now();
        let slots = await freeSlots(db, availability, visitType, at);
        const around = c.req.query("around");
        if (around !== undefined) {
          const instant = sentInstant(around);
          if (!instant) throw new ApiError("REQ-302", [invalid("around")]);
          const count = Math.min(Math.max(Number(c.req.query("count") ?? 5) || 5, 1), 20);
          slots = nearestTo(slots, instant, count);
        }
        const body: FreeSlotsResponse = { slots, at: at.toISOString() };
        return c.json(body);
      })
  );
}

function invalid(field: string) {
  return { field, problem: "invalid" as const };
}
