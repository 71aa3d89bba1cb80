import { Hono } from "hono";
import type { PushResponse } from "../../shared/contracts/sync.ts";
import { pullRequest, pushRequest } from "../../shared/contracts/sync-schemas.ts";
import { recordAudit } from "../audit.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import { patientsVisibleTo } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { pullChanges } from "../sync/pull.ts";
import { denialCodes, type PushAudit, pushMutations } from "../sync/push.ts";

/**
 * `POST /api/sync/pull` and `POST /api/sync/push`: the device's copy of the record and its
 * outbox (docs/decisions/0013-sync-protocol.md). Pull is a POST only because its cursors are a
 * JSON body; it changes nothing but the audit log.
 */
export function syncRoutes(deps: Deps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .use("*", requireUser)
    .post("/pull", async (c) => {
      const { user } = signedInAs(c);
      const request = await readJson(c, pullRequest);
      // A cursor for a patient the user may not see is someone asking for that record by id
      // (ASVS 8.2.2): refused and audited as denied, naming the patient, rather than skipped.
      // The device's own copy never holds one: a patient it may no longer see is forgotten at
      // the pull that stops listing them, and on SYNC-805 (client/local/pull.ts).
      const visible = new Set((await patientsVisibleTo(db, user)).map((row) => row.id));
      const foreign = Object.keys(request.cursors).filter((id) => !visible.has(id.toLowerCase()));
      if (foreign.length > 0) {
        for (const id of foreign) {
          await recordAudit(db, c, {
            actorId: user.id,
            action: "record.sync",
            outcome: "denied",
            patientId: id.toLowerCase(),
            details: { code: "SYNC-805" },
          });
        }
        throw new ApiError(
          "SYNC-805",
          foreign.map((id) => ({ field: `cursors.${id}`, problem: "invalid" as const })),
        );
      }
      const { response, disclosed } = await pullChanges(db, user, request);
      // A pull that sent rows read the record (HIPAA §164.312(b)); an empty one, which a device
      // makes every few minutes, disclosed nothing and is not logged.
      for (const { patientId, rows, reset } of disclosed) {
        await recordAudit(db, c, {
          actorId: user.id,
          action: "record.sync",
          outcome: "success",
          patientId,
          details: { rows, reset },
        });
      }
      return c.json(response);
    })
    .post("/push", async (c) => {
      const { user } = signedInAs(c);
      // A NUL is refused mutation by mutation (server/sync/push.ts), not for the whole batch.
      const { mutations } = await readJson(c, pushRequest, { nul: "per-item" });
      // Each row is written by push.ts in the mutation's own transaction (ASVS 16.3.2, 16.5.3).
      const audit: PushAudit = (writer, { name, result, target, failed }) =>
        recordAudit(writer, c, {
          actorId: user.id,
          action: "sync.mutation",
          outcome:
            result.status === "applied"
              ? "success"
              : // Another account's outbox, someone else's thread or id, a staff role: refusals.
                !failed && denialCodes.includes(result.code)
                ? "denied"
                : "failure",
          // The record the refused id was in: whose data was aimed at.
          patientId: target?.patientId ?? null,
          details: {
            mutation: name,
            id: result.id,
            ...(result.status === "rejected" ? { code: result.code } : {}),
            ...(target ? { target: target.id } : {}),
          },
        });
      const events = await pushMutations(db, user, now(), mutations, deps.config, audit);
      const body: PushResponse = { results: events.map((event) => event.result) };
      return c.json(body);
    });
}
