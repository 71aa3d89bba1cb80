import type { Context } from "hono";
import type { Database } from "./db/open.ts";
import { auditEvents } from "./db/schema.ts";
import { clientAddress } from "./http/client-address.ts";

export type AuditOutcome = "success" | "failure" | "denied";

/**
 * Where an audit row is written: the database, or the transaction of the change it records, so
 * the change and its row commit together or not at all (ASVS 16.3.2, 16.5.3). Pass `tx` whenever there
 * is one.
 */
export type AuditWriter = Pick<Database, "insert">;

/**
 * Appends one event to the audit log (HIPAA §164.312(b); ASVS 16.3). Never pass a password,
 * token or code in `details`: the log is read by support staff.
 */
export async function recordAudit(
  db: AuditWriter,
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
    ip: addressOf(c),
    userAgent: c.req.header("user-agent")?.slice(0, 512) ?? null,
    details: event.details ?? null,
  });
}

/**
 * The address server/app.ts worked out for this request with `clientAddress` and TRUST_PROXY,
 * the one the throttles count by, so the log and the throttles never name different clients.
 * A context built outside createApp (a test's stand-in) has none: then the socket's peer.
 */
function addressOf(c: Context): string | null {
  const known = (c.var as { clientAddress?: string | null } | undefined)?.clientAddress;
  return known !== undefined ? known : clientAddress(c, false);
}
