import { Hono } from "hono";
import { type HelpRequestSaved, helpRequest } from "../../shared/contracts/help.ts";
import type { AppEnv, Deps } from "../context.ts";
import { helpRequests } from "../db/schema.ts";
import { limitByAddress } from "../help/help-throttle.ts";
import { makeShortCode } from "../help/short-code.ts";
import { readJson } from "../http/json-body.ts";

/**
 * `POST /api/help-requests`: "Ask for help", open to people who cannot sign in, rate limited
 * per address (REQ-306). It lands in `help_requests`, the support queue.
 */
export function helpRequestRoutes(deps: Deps) {
  const { db, now } = deps;
  return new Hono<AppEnv>().post("/", async (c) => {
    const request = await readJson(c, helpRequest);
    await limitByAddress(c, deps, "help-request");
    const reference = makeShortCode();
    await db.insert(helpRequests).values({
      reference,
      name: request.name,
      contact: request.contact,
      message: request.message,
      diagnosticCode: request.diagnosticCode || null,
      locale: request.locale,
      userId: c.var.auth?.user.id ?? null,
      createdAt: now(),
    });
    const body: HelpRequestSaved = { reference };
    return c.json(body, 201);
  });
}
