import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { Database } from "./db/open.ts";
import { auditEvents } from "./db/schema.ts";

export type AuditOutcome = "success" | "failure" | "denied";

/**
 * Appends one event to the audit log (HIPAA §164.312(b); ASVS 16.3). Never pass a password,
 * token or code in `details`: the log is read by support staff.
 */
export async function recordAudit(
  db: Database,
  c: Context,
  event: {
    actorId: string | null;
    action: string;
    outcome: AuditOutcome;
    /** Whose health record the event read or touched, when it did. */
    patientId?: string | null;
    details?: Record<string, unknown> | undefined;
  },
): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: event.actorId,
    action: event.action,
    outcome: event.outcome,
    patientId: event.patientId ?? null,
    ip: clientAddress(c),
    userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
    details: event.details ?? null,
  });
}

/** The peer's address; absent when a test calls app.request() with no socket. */
function clientAddress(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}
