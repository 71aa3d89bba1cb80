import { and, eq, inArray, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { isUuid } from "../shared/contracts/uuid.ts";
import { recordAudit } from "./audit.ts";
import type { User } from "./auth/session.ts";
import type { AppEnv, Deps } from "./context.ts";
import type { Database } from "./db/open.ts";
import {
  appointments,
  careTeamMembers,
  careTeamPatients,
  inboxThreads,
  patients,
  schedules,
} from "./db/schema.ts";
import { ApiError, errorResponse } from "./http/api-error.ts";

declare const vetted: unique symbol;

/**
 * A patient id that has been through `canSeePatient` for the current user. Functions that read
 * or write one patient's record take this type, not a string, so the compiler refuses a path
 * that skipped the check.
 */
export type VisiblePatientId = string & { readonly [vetted]: true };

/**
 * THE rule of who may see whose record (ASVS 8.2.1, 8.2.2; docs/abuse-cases.md 1, 5). Every
 * patient-scoped query goes through it, as this subquery or through `canSeePatient`.
 *
 * Today a patient sees their own record and nobody else's; staff see no records through the
 * portal's API. Proxies and care teams are added here, and only here.
 *
 * @example
 * db.select().from(resources).where(inArray(resources.patientId, patientsVisibleTo(db, user)));
 */
export function patientsVisibleTo(db: Database, user: Pick<User, "id" | "role">) {
  const own = user.role === "patient" ? eq(patients.accountId, user.id) : sql`false`;
  return db.select({ id: patients.id }).from(patients).where(own);
}

/**
 * THE rule of which secure-message threads a clinician may reach (ADR 16): a thread of a care
 * team they belong to, about a patient that team still serves. It opens threads, never
 * records — deliberately not part of `patientsVisibleTo` — and nobody but a clinician gets
 * any thread through it (a patient reaches their own threads through their record).
 *
 * @example
 * db.select().from(inboxThreads).where(inArray(inboxThreads.id, inboxThreadsVisibleTo(db, user)));
 */
export function inboxThreadsVisibleTo(db: Database, user: Pick<User, "id" | "role">) {
  return db
    .select({ id: inboxThreads.id })
    .from(inboxThreads)
    .innerJoin(
      careTeamMembers,
      and(
        eq(careTeamMembers.careTeamId, inboxThreads.careTeamId),
        eq(careTeamMembers.userId, user.id),
      ),
    )
    .innerJoin(
      careTeamPatients,
      and(
        eq(careTeamPatients.careTeamId, inboxThreads.careTeamId),
        eq(careTeamPatients.patientId, inboxThreads.patientId),
      ),
    )
    .where(user.role === "clinician" ? sql`true` : sql`false`);
}

/**
 * THE rule of which booked visits a clinician may see (issue 7; ASVS 8.2.2): the ones on the
 * schedule whose practitioner they are, and no other clinician's. Their list discloses each
 * patient's name, reason and check-in answers, so it goes through here; nobody but a
 * clinician gets any visit through it (a patient reaches their own through their record).
 *
 * @example
 * db.select().from(appointments).where(inArray(appointments.id, appointmentsVisibleTo(db, user)));
 */
export function appointmentsVisibleTo(db: Database, user: Pick<User, "id" | "role">) {
  return db
    .select({ id: appointments.id })
    .from(appointments)
    .innerJoin(
      schedules,
      and(eq(schedules.id, appointments.scheduleId), eq(schedules.practitionerId, user.id)),
    )
    .where(user.role === "clinician" ? sql`true` : sql`false`);
}

/** The id, vetted, when `user` may see that patient; null otherwise (including malformed ids). */
export async function canSeePatient(
  db: Database,
  user: Pick<User, "id" | "role">,
  patientId: string,
): Promise<VisiblePatientId | null> {
  if (!isUuid(patientId)) return null;
  const [row] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.id, patientId), inArray(patients.id, patientsVisibleTo(db, user))));
  return row ? (row.id as VisiblePatientId) : null;
}

/**
 * The record that is the user's own (their account is that patient), vetted; null when the
 * account has none (staff, or a patient whose clinic has sent nothing yet).
 */
export async function ownRecordOf(
  db: Database,
  user: Pick<User, "id" | "role">,
): Promise<VisiblePatientId | null> {
  const [row] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.accountId, user.id), inArray(patients.id, patientsVisibleTo(db, user))));
  return row ? (row.id as VisiblePatientId) : null;
}

/**
 * For routes: the vetted id, or 404 REQ-304, the same answer as for a patient that does not
 * exist, so ids cannot be probed; the refusal is audited with the id that was asked for.
 */
export async function requireVisiblePatient(
  db: Database,
  c: Context,
  user: Pick<User, "id" | "role">,
  patientId: string,
  action: string,
): Promise<VisiblePatientId> {
  const visible = await canSeePatient(db, user, patientId);
  if (visible) return visible;
  const wellFormed = isUuid(patientId);
  await recordAudit(db, c, {
    actorId: user.id,
    action,
    outcome: "denied",
    patientId: wellFormed ? patientId : null,
    details: wellFormed ? undefined : { requested: patientId.slice(0, 100) },
  });
  throw new ApiError("REQ-304");
}

/**
 * THE role check for staff routes (ASVS 8.2.1, 16.3.2): a full session of `role` goes on;
 * anyone else signed in — a patient calling a clinician's route, a clinician the support
 * console — gets 403 AUTH-103 and an audit row saying who tried what; nobody signed in gets
 * 401 AUTH-102. Every role-only route, or group of routes, goes through here, so no refusal
 * goes unlogged and no route keeps a role check of its own.
 *
 * @example app.use("*", requireRole(deps, "clinician", "inbox.access"))
 * @example routes.get("/:code", requireRole(deps, "support", "diagnostics.read"), read)
 */
export function requireRole(
  deps: Pick<Deps, "db">,
  role: User["role"],
  action: string,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const auth = c.var.auth;
    if (!auth) throw new ApiError("AUTH-102");
    if (auth.user.role !== role) {
      await recordAudit(deps.db, c, {
        actorId: auth.user.id,
        action,
        outcome: "denied",
        details: { method: c.req.method, path: c.req.path.slice(0, 200), role: auth.user.role },
      });
      throw new ApiError("AUTH-103");
    }
    await next();
  };
}

/**
 * The two-person rule for support's identity checks (docs/security.md): only a member of
 * support staff who did not record the check may decide it, so no single member of staff can
 * give an account a contact of their choosing. Refusals are audited (403 SUP-108).
 */
export async function requireSecondStaffMember(
  db: Database,
  c: Context,
  user: Pick<User, "id" | "role">,
  check: { id: string; userId: string; requestedBy: string },
): Promise<void> {
  if (user.role === "support" && user.id !== check.requestedBy) return;
  await recordAudit(db, c, {
    actorId: user.id,
    action: "support.identity-check.decide",
    outcome: "denied",
    details: { check: check.id, id: check.userId, code: "SUP-108" },
  });
  throw new ApiError("SUP-108");
}

/**
 * The parts of the API support staff may use: their console, their own account and sign-in,
 * and the help pages' endpoints. Nothing else — above all, nothing that reads or writes a
 * health record (docs/abuse-cases.md 5; ASVS 8.2.1, least privilege).
 */
const supportMay = [
  "/api/support/",
  "/api/auth/",
  "/api/account/",
  "/api/me",
  "/api/health",
  "/api/diagnostics",
  "/api/help-requests",
  "/api/dev/",
];

function supportStaffMay(path: string): boolean {
  return supportMay.some((prefix) =>
    prefix.endsWith("/")
      ? path.startsWith(prefix)
      : path === prefix || path.startsWith(`${prefix}/`),
  );
}

/**
 * Answers 403 AUTH-103, audited, to a support session calling any API outside `supportMay`.
 * An allow-list in the middleware, like partial sessions (server/auth/partial-session.ts):
 * a clinical route added tomorrow is closed to support staff without anyone remembering to,
 * and `patientsVisibleTo` already gives staff no patient behind it.
 */
export function keepSupportOutOfRecords(deps: Pick<Deps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const user = c.var.auth?.user;
    if (user?.role === "support" && !supportStaffMay(c.req.path)) {
      await recordAudit(deps.db, c, {
        actorId: user.id,
        action: "support.clinical-route",
        outcome: "denied",
        details: { method: c.req.method, path: c.req.path.slice(0, 200) },
      });
      return errorResponse(c, "AUTH-103");
    }
    await next();
  };
}
