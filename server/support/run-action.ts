import type { Context } from "hono";
import type { AccountAction, ActionAnswer } from "../../shared/contracts/support.ts";
import { recordAudit } from "../audit.ts";
import { ActivationRefused, issueActivationCode } from "../auth/activation-codes.ts";
import type { User } from "../auth/session.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { endAllSessions, removeSecondSteps, setTemporaryPassword } from "./account-actions.ts";
import { requireVerified } from "./identity-check.ts";
import { identityOnFile } from "./identity-on-file.ts";
import { notifyPerson } from "./notify-person.ts";
import type { Person } from "./people.ts";
import { clearAccountThrottle } from "./throttle-state.ts";

/**
 * One staff action on a person's account, in the order the rules ask: the identity check
 * (SUP-101, checked here on the server whatever the page showed), the action, the notice to
 * the person, and the audit entry with staff, reason and time. A refusal is audited too.
 */
export async function runAction(
  deps: Deps,
  c: Context<AppEnv>,
  input: { staff: User; person: Person; action: AccountAction; reason: string },
): Promise<ActionAnswer> {
  const { db, now } = deps;
  const { staff, person, action, reason } = input;
  const audit = (outcome: "success" | "denied", details: Record<string, unknown>) =>
    recordAudit(db, c, {
      actorId: staff.id,
      action: `support.action.${action}`,
      outcome,
      details: { kind: person.kind, id: person.id, reason, ...details },
    });
  try {
    await requireVerified(db, staff.id, person, now());
    if (action === "activation-code") {
      if (person.kind !== "patient") throw new ApiError("SUP-105");
      const issued = await issueCode(deps, person.id);
      const onFile = await identityOnFile(db, person);
      const notified = await notifyPerson(
        deps,
        {
          email: onFile.emails[0] ?? null,
          phone: onFile.phones[0] ?? null,
          locale: "en",
          displayName: person.patient.name ?? "",
        },
        action,
        now(),
      );
      await audit("success", { notified, expiresAt: issued.expiresAt.toISOString() });
      return { action, notified, secret: issued.code, expiresAt: issued.expiresAt.toISOString() };
    }
    const user = person.user;
    if (!user) throw new ApiError("SUP-105");
    let secret: string | undefined;
    switch (action) {
      case "clear-throttle":
        await clearAccountThrottle(db, user);
        break;
      case "remove-second-step":
        await removeSecondSteps(db, user);
        break;
      case "temporary-password":
        secret = await setTemporaryPassword(db, user);
        break;
      case "end-sessions":
        await endAllSessions(db, user);
        break;
    }
    const notified = await notifyPerson(deps, user, action, now());
    await audit("success", { notified });
    return secret ? { action, notified, secret } : { action, notified };
  } catch (error) {
    if (error instanceof ApiError) await audit("denied", { code: error.code });
    throw error;
  }
}

/** A new activation code (server/auth/activation-codes.ts), which ends the patient's earlier ones. */
async function issueCode(deps: Deps, patientId: string) {
  try {
    return await issueActivationCode(deps.db, patientId, {
      now: deps.now(),
      validForMs: deps.config.activationCodeMs,
    });
  } catch (error) {
    if (error instanceof ActivationRefused) {
      if (error.reason === "deceased") throw new ApiError("AUTH-116");
      // Activated between the page loading and the click: the page now shows the account.
      throw new ApiError("SUP-105");
    }
    throw error;
  }
}
