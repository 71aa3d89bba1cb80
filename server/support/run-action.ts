import type { Context } from "hono";
import type { AccountAction, ActionAnswer } from "../../shared/contracts/support.ts";
import { recordAudit } from "../audit.ts";
import { auditDeviceKeyRevocation } from "../auth/device-keys.ts";
import type { User } from "../auth/session.ts";
import type { AppEnv, Deps } from "../context.ts";
import { ApiError } from "../http/api-error.ts";
import { endAllSessions } from "./account-actions.ts";
import { requireVerified } from "./identity-check.ts";
import { notifyPerson } from "./notify-person.ts";
import type { Person } from "./people.ts";
import { sendActivationCode, sendResetCode } from "./send-to-contact.ts";
import { clearAccountThrottle } from "./throttle-state.ts";

/**
 * One staff action on a person's account, in the order the rules ask: the knowledge check
 * (SUP-101, checked here on the server whatever the page showed), the action, the notice to
 * the person, and the audit entry with staff, reason and time. A refusal is audited too.
 * A code is sent to the contact on file and never answered (docs/security.md): what the
 * caller knows decides only whether staff may send there.
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
      const { sentTo, expiresAt } = await sendActivationCode(deps, person.id, now());
      await audit("success", { sentTo: sentTo.map((s) => s.channel), expiresAt });
      // The code's own message is the person's notice: it says what it is for.
      return {
        action,
        notified: sentTo[0]?.channel ?? null,
        sentTo,
        expiresAt: expiresAt.toISOString(),
      };
    }
    const user = person.user;
    if (!user) throw new ApiError("SUP-105");
    if (action === "send-reset") {
      const sentTo = await sendResetCode(deps, user, now());
      await audit("success", { sentTo: sentTo.map((s) => s.channel) });
      return { action, notified: sentTo[0]?.channel ?? null, sentTo };
    }
    let revokedKeys: string[] = [];
    if (action === "clear-throttle") await clearAccountThrottle(db, user);
    else revokedKeys = await endAllSessions(db, user, now());
    const notified = await notifyPerson(deps, user, action, now());
    await audit("success", { notified });
    await auditDeviceKeyRevocation(db, c, {
      actorId: staff.id,
      userId: user.id,
      reason: "support",
      ids: revokedKeys,
    });
    return { action, notified };
  } catch (error) {
    if (error instanceof ApiError) await audit("denied", { code: error.code });
    throw error;
  }
}
