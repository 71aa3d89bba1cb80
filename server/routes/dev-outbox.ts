import { Hono } from "hono";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { outboxFor } from "../messaging/outbox.ts";

/**
 * `GET /api/dev/outbox?to=…`: the development outbox for one address, newest first, so a
 * browser test can read the code it was sent. Mounted only with `EXPOSE_OUTBOX=true`, which
 * server/config.ts refuses in production.
 */
export function devOutboxRoutes(deps: Deps) {
  return new Hono<AppEnv>().get("/", async (c) => {
    const to = c.req.query("to");
    if (!to) throw new ApiError("REQ-302", [{ field: "to", problem: "required" }]);
    const rows = await outboxFor(deps.db, to.toLowerCase());
    return c.json({
      messages: rows.map((row) => ({ subject: row.subject, body: row.body, sentAt: row.sentAt })),
    });
  });
}
