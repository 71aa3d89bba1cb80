import { and, asc, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { StoredDiagnostic } from "../../shared/contracts/help.ts";
import type { QueueItem, QueueOrder, QueueStatus } from "../../shared/contracts/support.ts";
import type { Database } from "../db/open.ts";
import { diagnosticReports, helpRequests } from "../db/schema.ts";
import { diagnosticLifetimeMs } from "../routes/diagnostics.ts";
import { digitsOf } from "./identity-on-file.ts";

type HelpRequestRow = typeof helpRequests.$inferSelect;

const pageSize = 100;

export function queueItemOf(row: HelpRequestRow): QueueItem {
  return {
    reference: row.reference,
    name: row.name,
    contact: row.contact,
    message: row.message,
    diagnosticCode: row.diagnosticCode,
    locale: row.locale,
    status: row.status === "closed" ? "handled" : "open",
    createdAt: row.createdAt.toISOString(),
    userId: row.userId,
  };
}

/** The queue: open (or handled) requests, newest or oldest first. */
export async function listQueue(
  db: Database,
  status: QueueStatus,
  order: QueueOrder,
): Promise<QueueItem[]> {
  const rows = await db
    .select()
    .from(helpRequests)
    .where(eq(helpRequests.status, status === "handled" ? "closed" : "open"))
    .orderBy(order === "newest" ? desc(helpRequests.createdAt) : asc(helpRequests.createdAt))
    .limit(pageSize);
  return rows.map(queueItemOf);
}

export async function findRequest(db: Database, reference: string) {
  const [row] = await db
    .select()
    .from(helpRequests)
    .where(eq(helpRequests.reference, reference.trim().toUpperCase()));
  return row;
}

/** Marks a request handled, or opens it again; answers false for an unknown reference. */
export async function setHandled(db: Database, reference: string, handled: boolean) {
  const updated = await db
    .update(helpRequests)
    .set({ status: handled ? "closed" : "open" })
    .where(eq(helpRequests.reference, reference.trim().toUpperCase()))
    .returning({ id: helpRequests.id });
  return updated.length > 0;
}

/** Reports still within their 7 days, by code (stale or unknown codes are left out). */
export async function freshReports(
  db: Database,
  codes: readonly string[],
  now: Date,
): Promise<StoredDiagnostic[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .select()
    .from(diagnosticReports)
    .where(
      and(
        inArray(diagnosticReports.code, [...codes]),
        gte(diagnosticReports.createdAt, new Date(now.getTime() - diagnosticLifetimeMs)),
      ),
    )
    .orderBy(desc(diagnosticReports.createdAt));
  return rows.map((row) => ({
    ...(row.report as StoredDiagnostic),
    code: row.code,
    createdAt: row.createdAt.toISOString(),
  }));
}

/**
 * Help requests that are this account's: sent while signed in as it, or leaving its email
 * address or phone number as the way to reply (most are sent signed out).
 */
export async function requestsOfAccount(
  db: Database,
  user: { id: string; email: string | null; phone: string | null },
): Promise<QueueItem[]> {
  const phoneDigits = user.phone ? digitsOf(user.phone) : "";
  const rows = await db
    .select()
    .from(helpRequests)
    .where(
      or(
        eq(helpRequests.userId, user.id),
        user.email ? eq(sql`lower(${helpRequests.contact})`, user.email.toLowerCase()) : undefined,
        phoneDigits.length >= 7
          ? eq(sql`regexp_replace(${helpRequests.contact}, '[^0-9]', '', 'g')`, phoneDigits)
          : undefined,
      ),
    )
    .orderBy(desc(helpRequests.createdAt))
    .limit(10);
  return rows.map(queueItemOf);
}
