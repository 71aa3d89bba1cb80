import { and, asc, eq, gte, inArray, lt } from "drizzle-orm";
import { Hono } from "hono";
import type { Availability, ClinicianAppointments } from "../../shared/contracts/appointments.ts";
import {
  availabilityOverride,
  availabilityUpdate,
} from "../../shared/contracts/appointments-schemas.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import type { FieldProblem } from "../../shared/errors.ts";
import { sentInstant } from "../../shared/fhir-when.ts";
import { loadAvailability } from "../appointments/free-slots.ts";
import { firstOverlap } from "../appointments/offered-slots.ts";
import { isTimeZone } from "../appointments/zoned-time.ts";
import { recordAudit } from "../audit.ts";
import { signedInAs } from "../auth/middleware.ts";
import { appointmentsVisibleTo, requireRole } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import {
  appointments,
  availabilityOverrides,
  availabilityTemplates,
  patients,
  schedules,
} from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";

/** The longest span one list request may cover: a week view with room either side. */
const maxListDays = 31;

/**
 * The clinician's side of appointments: their own day/week list (with each patient's check-in
 * answers) and their availability. The list holds only the visits `appointmentsVisibleTo` them
 * (server/authorization.ts). There is no schedule id in any path: a clinician reaches only the
 * schedule whose practitioner they are, so another clinician's diary cannot even be named
 * (ASVS 8.2.2). Everyone else gets 403 AUTH-103, audited (`requireRole`).
 */
export function clinicianAppointmentRoutes(deps: Deps) {
  const { db } = deps;
  const ownSchedule = async (userId: string) => {
    const [row] = await db.select().from(schedules).where(eq(schedules.practitionerId, userId));
    return row;
  };
  return (
    new Hono<AppEnv>()
      .use("*", requireRole(deps, "clinician", "appointments.clinician-access"))
      // ?from&to: instants; the page asks for the person's day or week.
      .get("/", async (c) => {
        const { user } = signedInAs(c);
        const from = sentInstant(c.req.query("from") ?? "");
        const to = sentInstant(c.req.query("to") ?? "");
        const span = from && to ? to.getTime() - from.getTime() : Number.NaN;
        if (!from || !to || Number.isNaN(span) || span <= 0 || span > maxListDays * 86_400_000) {
          throw new ApiError("REQ-302", [{ field: "to", problem: "invalid" }]);
        }
        const schedule = await ownSchedule(user.id);
        if (!schedule) {
          const none: ClinicianAppointments = { timeZone: "UTC", appointments: [] };
          return c.json(none);
        }
        const rows = await db
          .select({
            id: appointments.id,
            patientId: appointments.patientId,
            patientName: patients.name,
            start: appointments.start,
            end: appointments.end,
            visitType: appointments.visitType,
            reason: appointments.reason,
            status: appointments.status,
            checkIn: appointments.checkIn,
          })
          .from(appointments)
          .innerJoin(patients, eq(patients.id, appointments.patientId))
          .where(
            and(
              inArray(appointments.id, appointmentsVisibleTo(db, user)),
              gte(appointments.start, from),
              lt(appointments.start, to),
            ),
          )
          .orderBy(asc(appointments.start));
        // Reading patients' names and answers is a disclosure: one audit event per patient.
        for (const patientId of new Set(rows.map((row) => row.patientId))) {
          await recordAudit(db, c, {
            actorId: user.id,
            action: "appointments.clinician-list",
            outcome: "success",
            patientId,
          });
        }
        const body: ClinicianAppointments = {
          timeZone: schedule.timeZone,
          appointments: rows.map(({ patientId: _patientId, ...row }) => ({
            ...row,
            start: row.start.toISOString(),
            end: row.end.toISOString(),
          })),
        };
        return c.json(body);
      })
      .get("/availability", async (c) => {
        const schedule = await ownSchedule(signedInAs(c).user.id);
        if (!schedule) throw new ApiError("REQ-304");
        const loaded = await loadAvailability(db, schedule.id);
        if (!loaded) throw new ApiError("REQ-304");
        const body: Availability = {
          timeZone: schedule.timeZone,
          location: schedule.location,
          phone: schedule.phone,
          template: loaded.template,
          overrides: loaded.overrides,
        };
        return c.json(body);
      })
      // The whole weekly template at once, as the editor shows it; creates the schedule the
      // first time. Booked visits stay booked whatever the new template says.
      .post("/availability", async (c) => {
        const { user } = signedInAs(c);
        const update = await readJson(c, availabilityUpdate);
        const problems: FieldProblem[] = [];
        if (!isTimeZone(update.timeZone)) problems.push({ field: "timeZone", problem: "invalid" });
        const overlap = firstOverlap(update.template);
        if (overlap >= 0)
          problems.push({ field: `template.${overlap}.startTime`, problem: "invalid" });
        if (problems.length > 0) throw new ApiError("REQ-302", problems);
        await db.transaction(async (tx) => {
          const settings = {
            timeZone: update.timeZone,
            location: update.location,
            phone: update.phone,
          };
          const [schedule] = await tx
            .insert(schedules)
            .values({ practitionerId: user.id, ...settings })
            .onConflictDoUpdate({ target: schedules.practitionerId, set: settings })
            .returning({ id: schedules.id });
          const scheduleId = (schedule as { id: string }).id;
          await tx
            .delete(availabilityTemplates)
            .where(eq(availabilityTemplates.scheduleId, scheduleId));
          if (update.template.length > 0) {
            await tx
              .insert(availabilityTemplates)
              .values(update.template.map((period) => ({ scheduleId, ...period })));
          }
        });
        return c.body(null, 204);
      })
      .post("/availability/overrides", async (c) => {
        const schedule = await ownSchedule(signedInAs(c).user.id);
        if (!schedule) throw new ApiError("REQ-304");
        const change = await readJson(c, availabilityOverride);
        const loaded = await loadAvailability(db, schedule.id);
        const sameDay = (loaded?.overrides ?? []).filter((o) => o.date === change.date);
        if (change.kind === "open") {
          const open = sameDay.flatMap((o) => (o.kind === "open" ? [o] : []));
          if (sameDay.some((o) => o.kind === "closed") || firstOverlap([...open, change]) >= 0) {
            throw new ApiError("REQ-302", [{ field: "startTime", problem: "invalid" }]);
          }
        }
        const [row] = await db
          .insert(availabilityOverrides)
          .values({ scheduleId: schedule.id, ...change })
          .returning({ id: availabilityOverrides.id });
        return c.json({ id: (row as { id: string }).id }, 201);
      })
      .post("/availability/overrides/:id/delete", async (c) => {
        const schedule = await ownSchedule(signedInAs(c).user.id);
        const id = c.req.param("id");
        if (!schedule || !isUuid(id)) throw new ApiError("REQ-304");
        const gone = await db
          .delete(availabilityOverrides)
          .where(
            and(
              eq(availabilityOverrides.id, id),
              eq(availabilityOverrides.scheduleId, schedule.id),
            ),
          )
          .returning({ id: availabilityOverrides.id });
        if (gone.length === 0) throw new ApiError("REQ-304");
        return c.body(null, 204);
      })
  );
}
