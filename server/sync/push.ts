import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { and, eq } from "drizzle-orm";
import * as v from "valibot";
import type { MutationName, MutationResult } from "../../shared/contracts/sync.ts";
import { isMutationName, mutation, mutationArgs } from "../../shared/contracts/sync-schemas.ts";
import { fieldProblems } from "../../shared/contracts/validation.ts";
import { type ErrorCode, type FieldProblem, isErrorCode } from "../../shared/errors.ts";
import type { User } from "../auth/session.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/open.ts";
import { syncMutations } from "../db/schema.ts";
import { mutationHandlers } from "./mutations/catalog.ts";
import { type MutationHandler, MutationRejected } from "./mutations/handler.ts";

/** What happened to one mutation, for the audit log; replays are not new events. */
export interface PushEvent {
  name: string;
  result: MutationResult;
  replay: boolean;
}

type Ledger = typeof syncMutations.$inferSelect;

/**
 * Applies a device's mutations in the order sent, each at most once (ARCHITECTURE.md, "Push").
 * Each one is its own transaction, so a rejected mutation never blocks those after it. The
 * ledger row (user, mutation id) is written in the same transaction as the data: a replay
 * (retry after a timeout, a server killed before it answered) finds it and gets the first
 * answer again; the same id with other arguments is refused (ABUSE-CASES 11, 12, 15). A
 * mutation whose `author` is not the signed-in user is refused and never recorded: an outbox
 * left by someone else is never applied as this user (ABUSE-CASES 13).
 *
 * An unexpected failure (the database gone) is thrown after the mutations before it were
 * committed; the device sends the rest again later.
 */
export async function pushMutations(
  db: Database,
  user: User,
  now: Date,
  items: readonly unknown[],
  config: Config,
): Promise<PushEvent[]> {
  const events: PushEvent[] = [];
  for (const item of items) events.push(await pushOne(db, user, now, item, config));
  return events;
}

async function pushOne(
  db: Database,
  user: User,
  now: Date,
  item: unknown,
  config: Config,
): Promise<PushEvent> {
  const envelope = v.safeParse(mutation, item);
  if (!envelope.success) {
    const id = idOf(item);
    const fields = fieldProblems(envelope.issues);
    return fresh(String(nameOf(item)), rejected(id, "REQ-302", fields));
  }
  const { id, name, args, author } = envelope.output;
  if (author !== user.id) return fresh(name, rejected(id, "SYNC-802"));

  const digest = digestOf(name, args);
  const known = await ledgerRow(db, user.id, id);
  if (known) return replay(known, digest);

  if (!isMutationName(name)) return record(db, user, now, { id, name, digest }, "SYNC-803");
  const checked = v.safeParse(mutationArgs[name], args);
  if (!checked.success) {
    const fields = fieldProblems(checked.issues);
    return record(db, user, now, { id, name, digest }, "REQ-302", fields);
  }
  const handler = mutationHandlers[name] as MutationHandler<MutationName>;
  try {
    const result = await db.transaction(async (tx) => {
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
      const answer = (await handler.apply(tx, { user, now, config }, checked.output)) ?? null;
      await tx
        .update(syncMutations)
        .set({ result: answer })
        .where(and(eq(syncMutations.userId, user.id), eq(syncMutations.mutationId, id)));
      return answer;
    });
    return fresh(
      name,
      result === null ? { id, status: "applied" } : { id, status: "applied", result },
    );
  } catch (error) {
    if (error instanceof MutationRejected) {
      return record(db, user, now, { id, name, digest }, error.code, error.fields);
    }
    if (error instanceof AlreadyRecorded) {
      const first = await ledgerRow(db, user.id, id);
      if (first) return replay(first, digest);
    }
    throw error;
  }
}

class AlreadyRecorded extends Error {}

/** Keeps a rejection, so a replay of the same mutation gets the same answer. */
async function record(
  db: Database,
  user: User,
  now: Date,
  m: { id: string; name: string; digest: string },
  code: ErrorCode,
  fields?: FieldProblem[],
): Promise<PushEvent> {
  const written = await db
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
  if (written.length === 0) {
    const first = await ledgerRow(db, user.id, m.id);
    if (first) return replay(first, m.digest);
  }
  return fresh(m.name, rejected(m.id, code, fields));
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

function idOf(item: unknown): string {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id.slice(0, 64) : "";
}

function nameOf(item: unknown): string {
  const name = (item as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name.slice(0, 64) : "";
}

/** SHA-256 of the mutation's name and arguments as canonical JSON (keys sorted). */
export function digestOf(name: string, args: unknown): string {
  const text = canonicalJson({ name, args: args ?? null });
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
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
