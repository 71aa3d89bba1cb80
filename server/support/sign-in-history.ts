import { and, desc, eq, inArray } from "drizzle-orm";
import type { SignInEvent } from "../../shared/contracts/support.ts";
import type { Database } from "../db/open.ts";
import { auditEvents } from "../db/schema.ts";

const shown = 10;
const signInActions = ["auth.sign-in", "auth.second-step", "auth.reauthenticate"];

type AuditRow = typeof auditEvents.$inferSelect;

/**
 * The catalog code the person was shown for a failed attempt, worked out from the audit entry,
 * so staff can match it with what the caller reads out.
 */
export function codeOf(row: Pick<AuditRow, "action" | "outcome" | "details">): string | null {
  const details = row.details ?? {};
  if (typeof details.code === "string") return details.code;
  if (row.outcome === "denied") return "AUTH-105";
  if (row.outcome !== "failure") return null;
  if (row.action === "auth.second-step") return details.endedSignIn ? "AUTH-107" : "AUTH-106";
  return "AUTH-101";
}

function eventOf(row: AuditRow): SignInEvent {
  const method = row.details?.method;
  return {
    at: row.at.toISOString(),
    outcome: row.outcome,
    method: typeof method === "string" ? method : null,
    code: codeOf(row),
  };
}

/** The account's last sign-ins and last failed attempts, from the audit log. */
export async function signInHistoryOf(db: Database, userId: string) {
  const successes = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorId, userId),
        eq(auditEvents.action, "auth.sign-in"),
        eq(auditEvents.outcome, "success"),
      ),
    )
    .orderBy(desc(auditEvents.at))
    .limit(shown);
  const failures = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.actorId, userId),
        inArray(auditEvents.action, signInActions),
        inArray(auditEvents.outcome, ["failure", "denied"]),
      ),
    )
    .orderBy(desc(auditEvents.at))
    .limit(shown);
  return { signIns: successes.map(eventOf), failures: failures.map(eventOf) };
}
