import { and, desc, eq, gt, inArray, isNotNull, like, ne, or, type SQL, sql } from "drizzle-orm";
import { Hono } from "hono";
import {
  type AccessBasis,
  type AccountActivity,
  activityDays,
  activityLimit,
  type RecordActivity,
} from "../../shared/contracts/account.ts";
import { describeDevice } from "../auth/device-name.ts";
import { requireUser, signedInAs } from "../auth/middleware.ts";
import { ownRecordOf } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import { auditEvents, users } from "../db/schema.ts";

/** The audit actions that mean "opened the record", and how the page names each. */
const recordActions: Record<string, RecordActivity["action"]> = {
  "record.read": "read",
  "record.list": "list",
  "record.sync": "sync",
  "record.export": "export",
};

/**
 * The clinicians' actions on a patient's messages and appointments (server/routes/inbox.ts,
 * appointments-clinician.ts): reached only through a care team that serves the patient.
 */
const careTeamActions: Record<string, RecordActivity["action"]> = {
  "inbox.read": "messages",
  "inbox.reply": "messages",
  "inbox.close": "messages",
  "inbox.markRead": "messages",
  "appointments.clinician-list": "appointments",
};

/**
 * Support staff opening the person's account (server/routes/support.ts): those rows name the
 * person by `details.kind` and `details.id` — the account, or the record it holds — not by
 * `patientId`, since support never reaches the record itself.
 */
const supportActions = ["support.person.read", "support.verify"];
const supportActionPrefix = "support.action.";

function openedBy(action: string, role: string): Pick<RecordActivity, "action" | "basis"> {
  const careTeam = careTeamActions[action];
  if (careTeam) return { action: careTeam, basis: "care-team" };
  if (supportActions.includes(action) || action.startsWith(supportActionPrefix))
    return { action: "account", basis: "support-request" };
  const basis: AccessBasis =
    role === "clinician" ? "care-team" : role === "support" ? "support-request" : "record-access";
  return { action: recordActions[action] ?? "read", basis };
}

/**
 * `GET /api/account/activity`: the person's own sign-ins, and who else opened their record,
 * messages, appointments or account, and on what grounds (HIPAA §164.528 accounting of
 * disclosures; ASVS 6.3.7, 16.2.1), straight from the audit log. Only
 * the caller's own rows are read: the actor is the caller, or the patient is the caller's own
 * record (server/authorization.ts `ownRecordOf`). Addresses are left out: the page says where by
 * device, and a shared household should not learn each other's addresses from it.
 */
export function accountActivityRoutes(deps: Deps) {
  const { db, now } = deps;
  return new Hono<AppEnv>().get("/", requireUser, async (c) => {
    const { user } = signedInAs(c);
    const since = new Date(now().getTime() - activityDays * 86_400_000);
    const signInRows = await db
      .select({
        at: auditEvents.at,
        outcome: auditEvents.outcome,
        userAgent: auditEvents.userAgent,
        details: auditEvents.details,
      })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.actorId, user.id),
          eq(auditEvents.action, "auth.sign-in"),
          gt(auditEvents.at, since),
        ),
      )
      .orderBy(desc(auditEvents.at))
      .limit(activityLimit);

    const record = await ownRecordOf(db, user);
    // Support names the person it opened by account or by record; care teams by record.
    const aboutThem: SQL[] = [
      and(
        or(
          inArray(auditEvents.action, supportActions),
          like(auditEvents.action, `${supportActionPrefix}%`),
        ),
        sql`${auditEvents.details}->>'kind' = 'account'`,
        sql`${auditEvents.details}->>'id' = ${user.id}`,
      ) as SQL,
    ];
    if (record) {
      aboutThem.push(
        and(
          eq(auditEvents.patientId, record),
          inArray(auditEvents.action, [
            ...Object.keys(recordActions),
            ...Object.keys(careTeamActions),
          ]),
        ) as SQL,
        and(
          or(
            inArray(auditEvents.action, supportActions),
            like(auditEvents.action, `${supportActionPrefix}%`),
          ),
          sql`${auditEvents.details}->>'kind' = 'patient'`,
          sql`${auditEvents.details}->>'id' = ${record}`,
        ) as SQL,
      );
    }
    const viewRows = await db
      .select({
        at: auditEvents.at,
        action: auditEvents.action,
        who: users.displayName,
        role: users.role,
      })
      .from(auditEvents)
      .innerJoin(users, eq(auditEvents.actorId, users.id))
      .where(
        and(
          isNotNull(auditEvents.actorId),
          // The person's own reading would bury everyone else's: the list is about others.
          ne(auditEvents.actorId, user.id),
          eq(auditEvents.outcome, "success"),
          gt(auditEvents.at, since),
          or(...aboutThem),
        ),
      )
      .orderBy(desc(auditEvents.at))
      .limit(activityLimit);

    return c.json<AccountActivity>({
      signIns: signInRows.map((row) => {
        const { browser, system } = describeDevice(row.userAgent);
        const method = row.details?.method;
        return {
          at: row.at.toISOString(),
          outcome: row.outcome === "success" ? "success" : "failure",
          method: typeof method === "string" ? method : null,
          browser: browser ?? null,
          system: system ?? null,
        };
      }),
      recordViews: viewRows.map((row) => ({
        at: row.at.toISOString(),
        who: row.who,
        role: row.role,
        ...openedBy(row.action, row.role),
      })),
    });
  });
}
