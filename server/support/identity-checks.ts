import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type {
  IdentityCheck,
  IdentityCheckDecided,
  IdentityCheckRequest,
  SentTo,
} from "../../shared/contracts/support.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { defaultLocale } from "../../shared/locales/index.ts";
import { maskAddress } from "../auth/one-time-codes.ts";
import type { User } from "../auth/session.ts";
import type { Deps } from "../context.ts";
import { identityChecks, users } from "../db/schema.ts";
import { ApiError } from "../http/api-error.ts";
import type { Channel } from "../messaging/transport.ts";
import { noticeTime, sendSecurityNotice } from "../routes/account-notices.ts";
import { endAllSessions, removeSecondSteps } from "./account-actions.ts";
import { notifyPerson } from "./notify-person.ts";
import { sendResetCode } from "./send-to-contact.ts";

type Row = typeof identityChecks.$inferSelect;
type Requested = Omit<IdentityCheckRequest, "contact"> & {
  contact: { channel: Channel; email?: string; phone?: string };
};

/** Stores an identity check, pending: nothing about the account changes yet. */
export async function recordIdentityCheck(
  db: Deps["db"],
  staff: Pick<User, "id">,
  user: User,
  request: Requested,
  now: Date,
): Promise<Row> {
  const { contact } = request;
  const [row] = await db
    .insert(identityChecks)
    .values({
      userId: user.id,
      requestedBy: staff.id,
      kind: request.kind,
      document: request.document,
      reason: request.reason,
      channel: contact.channel,
      contact: (contact.channel === "email" ? contact.email : contact.phone) ?? "",
      removeSecondStep: request.removeSecondStep ?? false,
      status: "pending",
      createdAt: now,
    })
    .returning();
  if (!row) throw new Error("identity check not stored");
  return row;
}

const asker = alias(users, "asker");

/** The checks waiting for a second member of staff, oldest first, the new contact masked. */
export async function pendingIdentityChecks(
  db: Deps["db"],
  viewer: Pick<User, "id">,
): Promise<IdentityCheck[]> {
  const rows = await db
    .select({ check: identityChecks, person: users, askerName: asker.displayName })
    .from(identityChecks)
    .innerJoin(users, eq(users.id, identityChecks.userId))
    .innerJoin(asker, eq(asker.id, identityChecks.requestedBy))
    .where(eq(identityChecks.status, "pending"))
    .orderBy(asc(identityChecks.createdAt))
    .limit(100);
  return rows.map(({ check, person, askerName }) => ({
    id: check.id,
    person: {
      kind: "account",
      id: person.id,
      displayName: person.displayName,
      username: person.username,
    },
    kind: check.kind,
    document: check.document,
    reason: check.reason,
    newContact: { channel: check.channel, to: maskAddress(check.channel, check.contact) },
    removeSecondStep: check.removeSecondStep,
    status: check.status,
    requestedBy: askerName,
    mine: check.requestedBy === viewer.id,
    createdAt: check.createdAt.toISOString(),
  }));
}

export async function findIdentityCheck(db: Deps["db"], id: string): Promise<Row> {
  if (!isUuid(id)) throw new ApiError("REQ-304");
  const [row] = await db.select().from(identityChecks).where(eq(identityChecks.id, id));
  if (!row) throw new ApiError("REQ-304");
  return row;
}

/**
 * Decides a pending check (the caller has already passed `requireSecondStaffMember`). Declined:
 * only the row changes. Approved: the new contact replaces both old ones (lost), the second
 * steps come off when asked, every session and device key ends (whoever holds the old phone
 * may be signed in), a reset code goes to the new contact only, and every old contact is told
 * (ASVS 6.3.7; a takeover by a false document is heard of where the person still reads mail).
 * The status moves from pending in the same statement that checks it, so two deciders cannot
 * both act.
 */
export async function decideIdentityCheck(
  deps: Deps,
  check: Row,
  decider: Pick<User, "id">,
  decision: { approve: boolean; reason: string },
  now: Date,
): Promise<IdentityCheckDecided & { revokedKeys: string[] }> {
  const { db } = deps;
  const status = decision.approve ? ("approved" as const) : ("declined" as const);
  const [user] = await db.select().from(users).where(eq(users.id, check.userId));
  if (!user) throw new ApiError("REQ-304");
  const old: Array<{ channel: Channel; address: string }> = [];
  if (user.email) old.push({ channel: "email", address: user.email });
  if (user.phone) old.push({ channel: "sms", address: user.phone });
  const revokedKeys = await db.transaction(async (tx) => {
    const txDb = tx as unknown as Deps["db"];
    const [moved] = await tx
      .update(identityChecks)
      .set({ status, decidedBy: decider.id, decisionReason: decision.reason, decidedAt: now })
      .where(and(eq(identityChecks.id, check.id), eq(identityChecks.status, "pending")))
      .returning({ id: identityChecks.id });
    if (!moved) throw new ApiError("SUP-109");
    if (!decision.approve) return [];
    // Both old contacts were lost, so both go: a code must never again reach either. The
    // new one is not a second step until the person confirms it themselves.
    const contact =
      check.channel === "email"
        ? { email: check.contact, phone: null }
        : { email: null, phone: check.contact };
    try {
      await tx
        .update(users)
        .set({ ...contact, codeChannel: null })
        .where(eq(users.id, user.id));
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError("AUTH-141");
      throw error;
    }
    if (check.removeSecondStep) await removeSecondSteps(txDb, user);
    return endAllSessions(txDb, user, now);
  });
  if (!decision.approve) return { status, sentTo: [], told: [], revokedKeys };
  const changed: User = {
    ...user,
    email: check.channel === "email" ? check.contact : null,
    phone: check.channel === "sms" ? check.contact : null,
    codeChannel: null,
  };
  const sentTo = await sendResetCode(deps, changed, now, [check.channel]);
  if (check.removeSecondStep) await notifyPerson(deps, changed, "remove-second-step", now);
  const time = noticeTime(user.locale ?? defaultLocale, now);
  const told: SentTo[] = [];
  for (const to of old) {
    const notice = to.channel === "email" ? "emailChanged" : "phoneChanged";
    await sendSecurityNotice(deps, user, notice, { time }, to);
    told.push({ channel: to.channel, to: maskAddress(to.channel, to.address) });
  }
  return { status, sentTo, told, revokedKeys };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
