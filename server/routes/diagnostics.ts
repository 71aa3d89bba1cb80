import { eq, lt } from "drizzle-orm";
import { Hono } from "hono";
import * as v from "valibot";
import {
  type DiagnosticSaved,
  diagnosticCode,
  diagnosticReport,
  type StoredDiagnostic,
} from "../../shared/contracts/help.ts";
import { recordAudit } from "../audit.ts";
import { signedInAs } from "../auth/middleware.ts";
import { requireRole } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import type { Database } from "../db/open.ts";
import { diagnosticReports } from "../db/schema.ts";
import { limitByAddress } from "../help/help-throttle.ts";
import { makeShortCode } from "../help/short-code.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";

/** A report is kept 7 days (ADR 14), long enough for a call back after a weekend. */
export const diagnosticLifetimeMs = 7 * 24 * 3_600_000;

/**
 * `POST /api/diagnostics` stores a "Check my device" report, signed in or not, and answers its
 * code; `GET /api/diagnostics/:code` lets support staff (role support) read one back.
 */
export function diagnosticsRoutes(deps: Deps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .post("/", async (c) => {
      const report = await readJson(c, diagnosticReport);
      await limitByAddress(c, deps, "diagnostics");
      const createdAt = now();
      // Cleanup on write: no scheduler to run, and the table only grows when reports are made.
      await deleteExpired(db, createdAt);
      const code = await insertWithFreshCode(db, report, createdAt);
      const body: DiagnosticSaved = {
        code,
        expiresAt: new Date(createdAt.getTime() + diagnosticLifetimeMs).toISOString(),
      };
      return c.json(body, 201);
    })
    .get("/:code", requireRole(deps, "support", "diagnostics.read"), async (c) => {
      const { user } = signedInAs(c);
      const parsed = v.safeParse(diagnosticCode, c.req.param("code"));
      if (!parsed.success) throw new ApiError("REQ-304");
      const [row] = await db
        .select()
        .from(diagnosticReports)
        .where(eq(diagnosticReports.code, parsed.output));
      const fresh = row && now().getTime() - row.createdAt.getTime() < diagnosticLifetimeMs;
      await recordAudit(db, c, {
        actorId: user.id,
        action: "diagnostics.read",
        outcome: fresh ? "success" : "failure",
        details: { code: parsed.output },
      });
      if (!row || !fresh) throw new ApiError("REQ-304");
      const body: StoredDiagnostic = {
        ...(row.report as StoredDiagnostic),
        code: row.code,
        createdAt: row.createdAt.toISOString(),
      };
      return c.json(body);
    });
}

async function deleteExpired(db: Database, at: Date): Promise<void> {
  await db
    .delete(diagnosticReports)
    .where(lt(diagnosticReports.createdAt, new Date(at.getTime() - diagnosticLifetimeMs)));
}

/** Codes are random; on the rare clash with a live report, draw again. */
async function insertWithFreshCode(db: Database, report: unknown, createdAt: Date) {
  for (let tries = 0; tries < 5; tries++) {
    const code = makeShortCode();
    const inserted = await db
      .insert(diagnosticReports)
      .values({ code, report, createdAt })
      .onConflictDoNothing()
      .returning({ code: diagnosticReports.code });
    if (inserted.length > 0) return code;
  }
  throw new Error("no free diagnostic code after 5 tries");
}
