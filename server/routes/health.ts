import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { HealthResponse } from "../../shared/contracts/me.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";

/** `GET /api/health`: for load balancers, and for a device to check its clock and version. */
export function healthRoutes({ db, now, version }: Deps) {
  return new Hono<AppEnv>().get("/", async (c) => {
    try {
      await db.execute(sql`select 1`);
    } catch {
      throw new ApiError("SRV-502");
    }
    const body: HealthResponse = { status: "ok", version, time: now().toISOString() };
    return c.json(body);
  });
}
