import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import type { MutationName, MutationResult } from "../../shared/contracts/sync.ts";
import { isMutationName, mutation, mutationArgs } from "../../shared/contracts/sync-schemas.ts";
import { isUuid } from "../../shared/contracts/uuid.ts";
import { fieldProblems } from "../../shared/contracts/validation.ts";
import { type ErrorCode, type FieldProblem, isErrorCode } from "../../shared/errors.ts";
import type { AuditWriter } from "../audit.ts";
import { digestOf } from "../auth/digest.ts";
import type { User } from "../auth/session.ts";
import { patientsVisibleTo } from "../authorization.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/open.ts";
import { patients, syncMutations } from "../db/schema.ts";
import { type ForeignId, foreignIdAmong, uuidsIn } from "../foreign-ids.ts";
import { jsonTrouble } from "../http/json-limits.ts";
import type { Transaction } from "../records/patient-version.ts";
import { mutationHandlers } from "./mutations/catalog.ts";
import { type MutationHandler, MutationRejected } from "./mutations/handler.ts";

/** What happened to one mutation, for the audit log; replays are not new events. */
export interface PushEvent {
  name: string;
  result: MutationResult;
  replay: boolean;
  /**
   * For a refusal: the id the device named that was refused (another record's, or nobody's)
   * and whose record holds it, for the audit log.
   */
  target?: ForeignId;
  /** For a failure nobody chose (the database gone): the mutation was not applied. */
  failed?: true;
}

/**
 * Writes the audit row of one mutation, on `writer`: the mutation's own transaction when there
 * is one, so a rolled-back write leaves no "applied" row and a committed one is never
 * unaudited, whatever happens to the rest of the push (ASVS 16.3.2, 16.5.3).
 */
export type PushAudit = (writer: AuditWriter, event: PushEvent) => Promise<void>;

/** The codes that refuse a mutation for whose data or id it aimed at, rather than for its state. */
export const denialCodes: readonly ErrorCode[] = ["SYNC-802", "REQ-304", "SYNC-804", "AUTH-103"];

type Ledger = typeof syncMutations.$inferSelect;

/**
 * Applies a device's mutations in the order sent, each at most once (docs/architecture.md, "Push").
 * Each one is its own transaction, so a rejected mutation never blocks those after it. The
 * ledger row (user, mutation id) is written in the same transaction as the data: a replay
 * (retry after a timeout, a server killed before it answered) finds it and gets the first
 * answer again; the same id with other arguments is refused (docs/abuse-cases.md 11, 12, 15). A
 * mutation whose `author` is not the signed-in user is refused and never recorded: an outbox
 * left by someone else is never applied as this user (docs/abuse-cases.md 13).
 *
 * Every mutation's audit row goes through `audit`, in the transaction of its ledger row. An
 * unexpected failure (the database gone) is audited as a failure when the log can still be
 * written, and thrown after the mutations before it were committed, and audited; the device
 * sends the rest again later.
 */
export async function pushMutations(
  db: Database,
  user: User,
  now: Date,
  items: readonly unknown[],
  config: Config,
  audit: PushAudit,
): Promise<PushEvent[]> {
  const events: PushEvent[] = [];
  for (const item of items) events.push(await pushOne(db, user, now, item, config, audit));
  return events;
}

async function pushOne(
  db: Database,
  user: User,
  now: Date,
  item: unknown,
  config: Config,
  audit: PushAudit,
): Promise<PushEvent> {
  // Before anything reads, digests or stores it: a NUL cannot be kept by PostgreSQL (not in
  // the ledger, the audit log or the data), and nesting past the limit would overflow the
  // digest's recursion. Not kept in the ledger: nothing of it could be stored as sent. Audited
  // by its name and id with any NUL taken out (nameOf, idOf).
  const trouble = jsonTrouble(item);
  if (trouble !== null) {
    const code = trouble === "nul" ? "REQ-307" : "REQ-301";
    return audited(db, audit, fresh(nameOf(item), rejected(idOf(item), code)));
  }
  const envelope = v.safeParse(mutation, item);
  if (!envelope.success) {
    const id = idOf(item);
    const fields = fieldProblems(envelope.issues);
    return audited(db, audit, fresh(nameOf(item), rejected(id, "REQ-302", fields)));
  }
  const { id, name, args, author } = envelope.output;
  if (author !== user.id) {
    // Someone else's outbox: the log names whose it was and what it named (docs/abuse-cases.md 13).
    const refused = fresh(name, rejected(id, "SYNC-802"));
    const target = await namedTarget(db, uuidsIn(args));
    const owner = await recordOfAccount(db, author);
    const aimedAt = target?.patientId ?? owner;
    return audited(db, audit, {
      ...refused,
      target: target ? { id: target.id, patientId: aimedAt } : { id: author, patientId: owner },
    });
  }

  const digest = mutationDigestOf(name, args);
  const known = await ledgerRow(db, user.id, id);
  if (known) return answerAgain(db, audit, known, digest);

  const m = { id, name, digest };
  if (!isMutationName(name)) return record(db, user, now, m, audit, "SYNC-803");
  const checked = v.safeParse(mutationArgs[name], args);
  if (!checked.success) {
    const fields = fieldProblems(checked.issues);
    return record(db, user, now, m, audit, "REQ-302", fields);
  }
  const handler = mutationHandlers[name] as MutationHandler<MutationName>;
  try {
    return await db.transaction(async (tx) => {
      // Claim the id first: a concurrent push of the same mutation waits here on the primary
      // key until this transaction ends, then finds the row (and does nothing twice).
      const claimed = await tx
        .insert(syncMutations)
        .values({
          userId: user.id,
          mutationId: id,
          name,
          argsDigest: digest,
          status: "applied",
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: syncMutations.mutationId });
      if (claimed.length === 0) throw new AlreadyRecorded();
      await refuseForeignIds(tx, user, handler, checked.output);
      const answer = (await handler.apply(tx, { user, now, config }, checked.output)) ?? null;
      await tx
        .update(syncMutations)
        .set({ result: answer })
        .where(and(eq(syncMutations.userId, user.id), eq(syncMutations.mutationId, id)));
      const applied = fresh(
        name,
        answer === null ? { id, status: "applied" } : { id, status: "applied", result: answer },
      );
      return audited(tx, audit, applied);
    });
  } catch (error) {
    if (error instanceof MutationRejected) {
      const target =
        error.target ??
        (denialCodes.includes(error.code)
          ? await namedTarget(db, referencesOf(handler, checked.output))
          : undefined);
      return record(db, user, now, m, audit, error.code, error.fields, target);
    }
    if (error instanceof AlreadyRecorded) {
      const first = await ledgerRow(db, user.id, id);
      if (first) return answerAgain(db, audit, first, digest);
    }
    // Not applied, for a reason nobody chose: said in the log if the log can still be written;
    // if it cannot, the failure that stopped it is the one to throw.
    await audit(db, { ...fresh(name, rejected(id, "SRV-501")), failed: true }).catch(() => {});
    throw error;
  }
}

async function audited(writer: AuditWriter, audit: PushAudit, event: PushEvent) {
  await audit(writer, event);
  return event;
}

/** The ids in `args` a mutation refers to, not those it makes: what it aimed at. */
function referencesOf(handler: MutationHandler<MutationName>, args: unknown): string[] {
  const made = handler.creates(args as never).map((id) => id.toLowerCase());
  return uuidsIn(args).filter((id) => !made.includes(id));
}

/**
 * The first of `ids`, with the record that holds it (null when no record does), for the audit
 * row of a refusal: whose data the device aimed at, and what it named.
 */
async function namedTarget(db: Database, ids: readonly string[]): Promise<ForeignId | undefined> {
  const [first] = ids;
  if (!first) return undefined;
  // Nothing is writable here, so whichever record holds the id is the one answered.
  return (await foreignIdAmong(db, [first], [])) ?? { id: first, patientId: null };
}

/** The record whose account is `accountId`, when there is one. */
async function recordOfAccount(db: Database, accountId: string): Promise<string | null> {
  if (!isUuid(accountId)) return null;
  const [row] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.accountId, accountId));
  return row?.id ?? null;
}

class AlreadyRecorded extends Error {}

/**
 * Refuses a mutation any of whose ids is used in a record the user may not see
 * (server/foreign-ids.ts): SYNC-804 for an id it would make, REQ-304 — the answer for
 * something that does not exist — for one it refers to. Every kind goes through here, so a
 * kind added later cannot write on a chosen id unchecked.
 */
async function refuseForeignIds(
  tx: Transaction,
  user: User,
  handler: MutationHandler<MutationName>,
  args: unknown,
): Promise<void> {
  const ids = uuidsIn(args);
  if (ids.length === 0) return;
  const visible = (await patientsVisibleTo(tx, user)).map((row) => row.id);
  const foreign = await foreignIdAmong(tx, ids, visible);
  if (!foreign) return;
  const made = handler.creates(args as never).map((id) => id.toLowerCase());
  throw new MutationRejected(
    made.includes(foreign.id) ? "SYNC-804" : "REQ-304",
    undefined,
    foreign,
  );
}

/**
 * Keeps a rejection, so a replay of the same mutation gets the same answer; its audit row is
 * written in the same transaction, and only when this is the first answer.
 */
async function record(
  db: Database,
  user: User,
  now: Date,
  m: { id: string; name: string; digest: string },
  audit: PushAudit,
  code: ErrorCode,
  fields?: FieldProblem[],
  target?: ForeignId,
): Promise<PushEvent> {
  const event = await db.transaction(async (tx) => {
    const first = await keepRejection(tx, user, now, m, code, fields);
    if (!first) return undefined;
    const refused = fresh(m.name, rejected(m.id, code, fields));
    return audited(tx, audit, target ? { ...refused, target } : refused);
  });
  if (event) return event;
  const first = await ledgerRow(db, user.id, m.id);
  return first
    ? answerAgain(db, audit, first, m.digest)
    : fresh(m.name, rejected(m.id, code, fields));
}

/** True when this is the mutation's first answer; false when another was recorded first. */
async function keepRejection(
  tx: Transaction,
  user: User,
  now: Date,
  m: { id: string; name: string; digest: string },
  code: ErrorCode,
  fields?: FieldProblem[],
): Promise<boolean> {
  const written = await tx
    .insert(syncMutations)
    .values({
      userId: user.id,
      mutationId: m.id,
      name: m.name,
      argsDigest: m.digest,
      status: "rejected",
      errorCode: code,
      result: fields ? { fields } : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: syncMutations.mutationId });
  return written.length > 0;
}

/** A replay is not a new event; another write under a used id (SYNC-801) is, and is audited. */
async function answerAgain(db: Database, audit: PushAudit, row: Ledger, digest: string) {
  const answer = replay(row, digest);
  return answer.replay ? answer : audited(db, audit, answer);
}

/** The first answer again, or SYNC-801 when this is another write under a used id. */
function replay(row: Ledger, digest: string): PushEvent {
  const id = row.mutationId;
  if (row.argsDigest !== digest)
    return { name: row.name, result: rejected(id, "SYNC-801"), replay: false };
  if (row.status === "applied") {
    const result: MutationResult =
      row.result === null
        ? { id, status: "applied" }
        : { id, status: "applied", result: row.result };
    return { name: row.name, result, replay: true };
  }
  const code = isErrorCode(row.errorCode) ? row.errorCode : "SRV-501";
  const fields = (row.result as { fields?: FieldProblem[] } | null)?.fields;
  return { name: row.name, result: rejected(id, code, fields), replay: true };
}

async function ledgerRow(
  db: Database,
  userId: string,
  mutationId: string,
): Promise<Ledger | undefined> {
  const [row] = await db
    .select()
    .from(syncMutations)
    .where(and(eq(syncMutations.userId, userId), eq(syncMutations.mutationId, mutationId)));
  return row;
}

function fresh(name: string, result: MutationResult): PushEvent {
  return { name, result, replay: false };
}

function rejected(id: string, code: ErrorCode, fields?: FieldProblem[]): MutationResult {
  return fields && fields.length > 0
    ? { id, status: "rejected", code, fields }
    : { id, status: "rejected", code };
}

/** What was sent as the id and name, cut and without NULs: they go into the audit log. */
function idOf(item: unknown): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id.replaceAll("\u0000", "").slice(0, 64) : "";
}

function nameOf(item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name.replaceAll("\u0000", "").slice(0, 64) : "";
}

/** SHA-256 of the mutation's name and arguments as canonical JSON (keys sorted). */
function mutationDigestOf(name: string, args: unknown): string {
  return digestOf(canonicalJson({ name, args: args ?? null }));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
