import { Hono } from "hono";
import * as v from "valibot";
import {
  type AccountAction,
  type ActionAnswer,
  accountActions,
  actionRequest,
  type HelpRequestDetail,
  type IdentityCheckList,
  identityCheckDecision,
  identityCheckRequest,
  markHandledRequest,
  type PersonKind,
  type PersonSearchResult,
  personSearch,
  queueOrders,
  queueStatuses,
  verificationRequest,
} from "../../shared/contracts/support.ts";
import { fieldProblems } from "../../shared/contracts/validation.ts";
import { recordAudit } from "../audit.ts";
import { auditDeviceKeyRevocation } from "../auth/device-keys.ts";
import { signedInAs } from "../auth/middleware.ts";
import { requireRole, requireSecondStaffMember } from "../authorization.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { readJson } from "../http/json-body.ts";
import { personStateOf } from "../support/account-state.ts";
import { fallbackGuide, guideForReport } from "../support/guide-match.ts";
import { verifyIdentity } from "../support/identity-check.ts";
import {
  decideIdentityCheck,
  findIdentityCheck,
  pendingIdentityChecks,
  recordIdentityCheck,
} from "../support/identity-checks.ts";
import { findPerson, searchByBirthDate, searchByName } from "../support/people.ts";
import { findRequest, freshReports, listQueue, queueItemOf, setHandled } from "../support/queue.ts";
import { runAction } from "../support/run-action.ts";

const queueQuery = v.strictObject({
  status: v.optional(v.picklist(queueStatuses), "open"),
  order: v.optional(v.picklist(queueOrders), "newest"),
});

function readQuery<S extends v.GenericSchema>(query: unknown, schema: S): v.InferOutput<S> {
  const result = v.safeParse(schema, query);
  if (!result.success) throw new ApiError("REQ-302", fieldProblems(result.issues));
  return result.output;
}

const kindOf = (segment: string): PersonKind => (segment === "patients" ? "patient" : "account");

/**
 * `/api/support/*`, the support console (ADR 20), for role `support` only: every route sits
 * behind `requireRole` (403 AUTH-103 for anyone else, audited). Reads are audited like
 * record reads; every action needs a passed identity check by the same member of staff
 * (SUP-101) and is audited with its reason (docs/abuse-cases.md 5).
 */
export function supportRoutes(deps: Deps) {
  const { db, now } = deps;
  return new Hono<AppEnv>()
    .use("*", requireRole(deps, "support", "support.access"))
    .get("/requests", async (c) => {
      const { user } = signedInAs(c);
      const { status, order } = readQuery(c.req.query(), queueQuery);
      const requests = await listQueue(db, status, order);
      // The queue holds names and contact details: reading it is logged like any other read.
      await recordAudit(db, c, {
        actorId: user.id,
        action: "support.queue.read",
        outcome: "success",
        details: { status, order, shown: requests.length },
      });
      return c.json({ requests });
    })
    .get("/requests/:reference", async (c) => {
      const { user } = signedInAs(c);
      const row = await findRequest(db, c.req.param("reference"));
      if (!row) throw new ApiError("REQ-304");
      const [diagnostic] = row.diagnosticCode
        ? await freshReports(db, [row.diagnosticCode], now())
        : [];
      await recordAudit(db, c, {
        actorId: user.id,
        action: "support.request.read",
        outcome: "success",
        details: { reference: row.reference },
      });
      const body: HelpRequestDetail = {
        ...queueItemOf(row),
        diagnostic: diagnostic ?? null,
        guide: guideForReport(diagnostic ?? null) ?? fallbackGuide,
      };
      return c.json(body);
    })
    .post("/requests/:reference/handled", async (c) => {
      const { user } = signedInAs(c);
      const { handled } = await readJson(c, markHandledRequest);
      const reference = c.req.param("reference");
      if (!(await setHandled(db, reference, handled))) throw new ApiError("REQ-304");
      await recordAudit(db, c, {
        actorId: user.id,
        action: handled ? "support.request.handled" : "support.request.reopened",
        outcome: "success",
        details: { reference: reference.toUpperCase() },
      });
      return c.body(null, 204);
    })
    .get("/accounts", async (c) => {
      const { user } = signedInAs(c);
      const search = readQuery(c.req.query(), personSearch);
      const people =
        "q" in search
          ? await searchByName(db, search.q)
          : await searchByBirthDate(db, search.name, search.birthDate);
      // What was searched for is personal data: the log says how, and how many were found.
      await recordAudit(db, c, {
        actorId: user.id,
        action: "support.search",
        outcome: "success",
        details: { by: "q" in search ? "name" : "birthDate", found: people.length },
      });
      return c.json<PersonSearchResult>({ people });
    })
    .get("/:kind{accounts|patients}/:id", async (c) => {
      const { user } = signedInAs(c);
      const person = await findPerson(db, kindOf(c.req.param("kind")), c.req.param("id"));
      await recordAudit(db, c, {
        actorId: user.id,
        action: "support.person.read",
        outcome: "success",
        details: { kind: person.kind, id: person.id },
      });
      return c.json(await personStateOf(db, person, user.id, now()));
    })
    .post("/:kind{accounts|patients}/:id/verification", async (c) => {
      const { user } = signedInAs(c);
      const person = await findPerson(db, kindOf(c.req.param("kind")), c.req.param("id"));
      const request = await readJson(c, verificationRequest);
      try {
        const answer = await verifyIdentity(db, user.id, person, request, now());
        await recordAudit(db, c, {
          actorId: user.id,
          action: "support.verify",
          outcome: answer.passed ? "success" : "failure",
          // Outcomes only: what the caller said is never logged.
          details: {
            kind: person.kind,
            id: person.id,
            checks: answer.checks,
            reason: request.reason,
          },
        });
        if (!answer.passed) throw new ApiError("SUP-102");
        return c.json(answer);
      } catch (error) {
        if (error instanceof ApiError && error.code !== "SUP-102") {
          await recordAudit(db, c, {
            actorId: user.id,
            action: "support.verify",
            outcome: "denied",
            details: { kind: person.kind, id: person.id, code: error.code },
          });
        }
        throw error;
      }
    })
    .post("/:kind{accounts|patients}/:id/actions/:action", async (c) => {
      const { user } = signedInAs(c);
      const action = c.req.param("action");
      if (!(accountActions as readonly string[]).includes(action)) throw new ApiError("REQ-304");
      const person = await findPerson(db, kindOf(c.req.param("kind")), c.req.param("id"));
      const { reason } = await readJson(c, actionRequest);
      const answer: ActionAnswer = await runAction(deps, c, {
        staff: user,
        person,
        action: action as AccountAction,
        reason,
      });
      return c.json(answer);
    })
    .post("/accounts/:id/identity-checks", async (c) => {
      const { user } = signedInAs(c);
      const person = await findPerson(db, "account", c.req.param("id"));
      if (!person.user) throw new ApiError("REQ-304");
      const request = await readJson(c, identityCheckRequest);
      const row = await recordIdentityCheck(db, user, person.user, request, now());
      // The document's words and the new contact stay in the row; the log says who and why.
      await recordAudit(db, c, {
        actorId: user.id,
        action: "support.identity-check.request",
        outcome: "success",
        details: {
          check: row.id,
          id: person.id,
          kind: row.kind,
          channel: row.channel,
          removeSecondStep: row.removeSecondStep,
          reason: row.reason,
        },
      });
      return c.json({ id: row.id, status: row.status }, 201);
    })
    .get("/identity-checks", async (c) => {
      const { user } = signedInAs(c);
      const checks = await pendingIdentityChecks(db, user);
      await recordAudit(db, c, {
        actorId: user.id,
        action: "support.identity-check.list",
        outcome: "success",
        details: { shown: checks.length },
      });
      return c.json<IdentityCheckList>({ checks });
    })
    .post("/identity-checks/:checkId/decision", async (c) => {
      const { user } = signedInAs(c);
      const check = await findIdentityCheck(db, c.req.param("checkId"));
      const decision = await readJson(c, identityCheckDecision);
      await requireSecondStaffMember(db, c, user, check);
      const audit = (outcome: "success" | "denied", details: Record<string, unknown>) =>
        recordAudit(db, c, {
          actorId: user.id,
          action: "support.identity-check.decide",
          outcome,
          details: { check: check.id, id: check.userId, reason: decision.reason, ...details },
        });
      try {
        const { revokedKeys, ...decided } = await decideIdentityCheck(
          deps,
          check,
          user,
          decision,
          now(),
        );
        await audit("success", {
          status: decided.status,
          requestedBy: check.requestedBy,
          sentTo: decided.sentTo.map((s) => s.channel),
          told: decided.told.map((s) => s.channel),
        });
        await auditDeviceKeyRevocation(db, c, {
          actorId: user.id,
          userId: check.userId,
          reason: "support",
          ids: revokedKeys,
        });
        return c.json(decided);
      } catch (error) {
        if (error instanceof ApiError) await audit("denied", { code: error.code });
        throw error;
      }
    });
}
