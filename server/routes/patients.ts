import { and, count, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import {
  isPortalResourceType,
  type PatientSummary,
  type PortalResourceType,
  type VisiblePatient,
} from "../../shared/contracts/record.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { recordAudit } from "../audit.ts";
import { requireUser } from "../auth/middleware.ts";
import { patientsVisibleTo, requireVisiblePatient } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import { patients, resources } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import { exportResponse } from "./record.ts";

/**
 * Patient-scoped reads: `/api/patients` and `/api/patients/:patientId/...`. Every one asks
 * `requireVisiblePatient` first, answers 404 for a patient the session may not see (audited),
 * and writes every read it does allow to the audit log (HIPAA §164.312(b)).
 */
export function patientRoutes(deps: Deps) {
  const { db } = deps;
  const auth = (c: { var: AppEnv["Variables"] }) =>
    (c.var.auth as NonNullable<AppEnv["Variables"]["auth"]>).user;

  return new Hono<AppEnv>()
    .use("*", requireUser)
    .get("/", async (c) => {
      const user = auth(c);
      const rows = await db
        .select({
          id: patients.id,
          name: patients.name,
          birthDate: patients.birthDate,
          accountId: patients.accountId,
        })
        .from(patients)
        .where(inArray(patients.id, patientsVisibleTo(db, user)))
        .orderBy(patients.name);
      for (const row of rows) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "record.list",
          outcome: "success",
          patientId: row.id,
        });
      }
      const body: VisiblePatient[] = rows.map((row) => ({
        id: row.id,
        name: row.name,
        birthDate: row.birthDate,
        self: row.accountId === user.id,
      }));
      return c.json(body);
    })
    .get("/:patientId", async (c) => {
      const user = auth(c);
      const patientId = await requireVisiblePatient(
        db,
        c,
        user,
        c.req.param("patientId"),
        "record.read",
      );
      const [patient] = await db.select().from(patients).where(eq(patients.id, patientId));
      if (!patient) throw new ApiError("REQ-304");
      const counted = await db
        .select({ type: resources.resourceType, n: count() })
        .from(resources)
        .where(and(eq(resources.patientId, patientId), eq(resources.deleted, false)))
        .groupBy(resources.resourceType);
      const counts: Partial<Record<PortalResourceType, number>> = {};
      for (const { type, n } of counted) if (isPortalResourceType(type)) counts[type] = n;
      await recordAudit(db, c, {
        actorId: user.id,
        action: "record.read",
        outcome: "success",
        patientId,
        details: { what: "summary" },
      });
      const body: PatientSummary = {
        id: patient.id,
        name: patient.name,
        birthDate: patient.birthDate,
        self: patient.accountId === user.id,
        version: patient.version,
        counts,
      };
      return c.json(body);
    })
    .get("/:patientId/resources/:resourceId", async (c) => {
      const user = auth(c);
      const patientId = await requireVisiblePatient(
        db,
        c,
        user,
        c.req.param("patientId"),
        "record.read",
      );
      const resourceId = c.req.param("resourceId");
      const [row] = isUuid(resourceId)
        ? await db
            .select({ resource: resources.resource })
            .from(resources)
            .where(
              and(
                eq(resources.id, resourceId),
                eq(resources.patientId, patientId),
                eq(resources.deleted, false),
              ),
            )
        : [];
      if (!row) {
        // Maybe another patient's resource id, tried under a patient one may see: a probe.
        await recordAudit(db, c, {
          actorId: user.id,
          action: "record.read",
          outcome: "denied",
          patientId,
          details: { resourceId: resourceId.slice(0, 100) },
        });
        throw new ApiError("REQ-304");
      }
      await recordAudit(db, c, {
        actorId: user.id,
        action: "record.read",
        outcome: "success",
        patientId,
        details: { resourceType: row.resource.resourceType, resourceId },
      });
      return c.body(JSON.stringify(row.resource), 200, {
        "content-type": "application/fhir+json; charset=utf-8",
      });
    })
    .get("/:patientId/export", async (c) => {
      const user = auth(c);
      const patientId = await requireVisiblePatient(
        db,
        c,
        user,
        c.req.param("patientId"),
        "record.export",
      );
      return exportResponse(deps, c, user.id, patientId);
    });
}
