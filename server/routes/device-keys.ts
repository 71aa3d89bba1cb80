import { Hono } from "hono";
import type { DeviceKey } from "../../shared/contracts/device-keys.ts";
import { openDeviceKeyRequest } from "../../shared/contracts/device-keys-schemas.ts";
import { recordAudit } from "../audit.ts";
import {
  auditDeviceKeyRevocation,
  createDeviceKey,
  findOpenableDeviceKey,
  markDeviceKeyOpened,
} from "../auth/device-keys.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import type { AppEnv, Deps } from "../context.ts";
import { limitByAddress } from "../help/help-throttle.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";

/**
 * `POST /api/device-keys` and `POST /api/device-keys/open`: the server's half of a device's
 * lock on its copy of the record (ADR 29; the answers are in shared/contracts/device-keys.ts).
 * Support staff never reach these (`keepSupportOutOfRecords`, as for /api/sync): a key is for
 * a copy of a record, and only sessions whose record syncs have one.
 */
export function deviceKeyRoutes(deps: Deps) {
  const { db, config, now } = deps;
  return new Hono<AppEnv>()
    .post("/", requireUser, async (c) => {
      const { user, session } = signedInAs(c);
      const created = await createDeviceKey(db, user.id, session.id, now());
      await recordAudit(db, c, {
        actorId: user.id,
        action: "device-key.create",
        outcome: "success",
        details: { deviceKey: created.id },
      });
      return c.json<DeviceKey>(created, 201);
    })
    .post("/open", async (c) => {
      const { id } = await readJson(c, openDeviceKeyRequest);
      const auth = c.var.auth;
      // A temporary password from support opens nothing until it is changed (the middleware lets
      // this route through only so that a cut-off device still learns it is cut off).
      const full = auth && !auth.user.mustChangePassword ? auth : null;
      // Signed out, anyone may ask: limited per address like the other signed-out routes. The
      // ids are random uuids, so this bounds the load rather than guessing.
      if (!full) await limitByAddress(c, deps, "device-key-open");
      const at = now();
      const audit = (outcome: "success" | "failure" | "denied", details: Record<string, unknown>) =>
        recordAudit(db, c, {
          actorId: auth?.user.id ?? null,
          action: "device-key.open",
          outcome,
          details: { deviceKey: id, ...details },
        });
      // Before the session: a revoked device must learn it even when its session is gone.
      const found = await findOpenableDeviceKey(db, id, at, config.deviceKeyMaxIdleMs);
      if (!found.ok) {
        await audit("denied", { refusal: found.refusal, owner: found.row?.userId ?? null });
        if (found.refusal === "not-seen" && found.row) {
          await auditDeviceKeyRevocation(db, c, {
            actorId: null,
            userId: found.row.userId,
            reason: "not-seen",
            ids: [found.row.id],
          });
        }
        throw new ApiError("AUTH-148");
      }
      if (!full) {
        await audit("failure", { refusal: "signed-out" });
        throw new ApiError("AUTH-102");
      }
      if (found.row.userId !== full.user.id) {
        await audit("denied", { refusal: "other-account", owner: found.row.userId });
        throw new ApiError("AUTH-103");
      }
      const opened = await markDeviceKeyOpened(db, id, full.session.id, at);
      if (!opened) {
        await audit("denied", { refusal: "revoked" });
        throw new ApiError("AUTH-148");
      }
      await audit("success", {});
      return c.json<DeviceKey>(opened);
    });
}
