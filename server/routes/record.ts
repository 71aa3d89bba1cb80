import type { Context } from "hono";
import { Hono } from "hono";
import { recordAudit } from "../audit.ts";
import { requireUser } from "../auth/middleware.ts";
import { ownRecordOf, type VisiblePatientId } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import { exportRecord } from "../fhir/export.ts";
import { ApiError } from "../http/api-error.ts";

/**
 * `GET /api/record/export`: the signed-in patient's whole record as a FHIR R4 Bundle, to
 * download and keep or take elsewhere. Free and immediate, as the 21st Century Cures Act's
 * information-blocking rule asks (45 CFR 171).
 */
export function recordRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/export", requireUser, async (c) => {
    const { user } = c.var.auth as NonNullable<AppEnv["Variables"]["auth"]>;
    const patientId = await ownRecordOf(deps.db, user);
    if (!patientId) throw new ApiError("REC-401");
    return exportResponse(deps, c, user.id, patientId);
  });
}

/** The export as a download named for the day, audited before a byte of it is sent. */
export async function exportResponse(
  { db, now }: Deps,
  c: Context,
  actorId: string,
  patientId: VisiblePatientId,
): Promise<Response> {
  const at = now();
  const bundle = await exportRecord(db, patientId, at);
  await recordAudit(db, c, {
    actorId,
    action: "record.export",
    outcome: "success",
    patientId,
    details: { resources: bundle.entry?.length ?? 0 },
  });
  return c.body(JSON.stringify(bundle), 200, {
    "content-type": "application/fhir+json; charset=utf-8",
    "content-disposition": `attachment; filename="hearth-record-${at.toISOString().slice(0, 10)}.json"`,
  });
}
