import { Hono } from "hono";
import type { PushResponse } from "../../shared/contracts/sync.ts";
import { pullRequest, pushRequest } from "../../shared/contracts/sync-schemas.ts";
import { recordAudit } from "../audit.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import type { AppEnv, Deps } from "../context.ts";
import { readJson } from "../http/json-body.ts";
import { pullChanges } from "../sync/pull.ts";
import { pushMutations } from "../sync/push.ts";

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
      const { mutations } = await readJson(c, pushRequest);
      const events = await pushMutations(db, user, now(), mutations, deps.config);
      for (const { name, result, replay } of events) {
        if (replay) continue;
        await recordAudit(db, c, {
          actorId: user.id,
          action: "sync.mutation",
          outcome:
            result.status === "applied"
              ? "success"
              : // Another account's outbox, or someone else's thread (message.send): refusals.
                result.code === "SYNC-802" || result.code === "REQ-304"
                ? "denied"
                : "failure",
          details: {
            mutation: name,
            id: result.id,
            ...(result.status === "rejected" ? { code: result.code } : {}),
          },
        });
      }
      const body: PushResponse = { results: events.map((event) => event.result) };
      return c.json(body);
    });
}
