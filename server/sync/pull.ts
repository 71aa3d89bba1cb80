import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import {
  type PulledPatient,
  type PulledRow,
  type PullRequest,
  type PullResponse,
  pullPageDefaultRows,
  syncProtocol,
} from "../../shared/contracts/sync.ts";
import type { User } from "../auth/session.ts";
import { patientsVisibleTo } from "../authorization.ts";
import type { Database } from "../db/open.ts";
import { patients, resources, syncFloors } from "../db/schema.ts";
import { decodeCursor, encodeCursor, isStreamStart, type StreamPosition } from "./cursor.ts";

/** A page stops growing past this much resource JSON, so a page of scanned notes stays small. */
const pageMaxBytes = 2 * 1024 * 1024;

/** What one pull disclosed of one patient's record, for the audit log. */
export interface Disclosure {
  patientId: string;
  rows: number;
  reset: boolean;
}

/**
 * One bounded page of changes for every patient `user` may see (docs/architecture.md, "Pull").
 * Patients come from `patientsVisibleTo`, the one access rule, never from the request: a cursor
 * for anyone else is refused before this runs (SYNC-805 in server/routes/sync.ts;
 * docs/abuse-cases.md 1, 2), and would be ignored here. Each patient's rows above the device's
 * cursor come in (version, id) order, upserts and tombstones alike; the page is filled patient by
 * patient up to `limit` rows and about 2 MB, and `more` says when to ask again.
 *
 * @example
 * const { response } = await pullChanges(db, user, { protocol: 1, cursors: {} });
 */
export async function pullChanges(
  db: Database,
  user: Pick<User, "id" | "role">,
  request: PullRequest,
): Promise<{ response: PullResponse; disclosed: Disclosure[] }> {
  const visible = await db
    .select({
      id: patients.id,
      name: patients.name,
      birthDate: patients.birthDate,
      accountId: patients.accountId,
      version: patients.version,
      floor: syncFloors.floor,
    })
    .from(patients)
    .leftJoin(syncFloors, eq(syncFloors.patientId, patients.id))
    .where(inArray(patients.id, patientsVisibleTo(db, user)))
    .orderBy(asc(patients.id));

  let room = request.limit ?? pullPageDefaultRows;
  let bytes = 0;
  const rows: PulledRow[] = [];
  const pulled: PulledPatient[] = [];
  const disclosed: Disclosure[] = [];
  for (const patient of visible) {
    const sent = request.cursors[patient.id] ?? "0";
    const summary = {
      id: patient.id,
      name: patient.name,
      birthDate: patient.birthDate,
      self: patient.accountId === user.id,
    };
    if (room <= 0 || bytes >= pageMaxBytes) {
      // No room left in this page: this patient waits for the next one, cursor unchanged.
      pulled.push({ ...summary, cursor: sent, reset: false, more: true });
      continue;
    }
    const decoded = decodeCursor(sent);
    const reset = !decoded || !answerable(decoded, patient.version, patient.floor ?? 0);
    // From nothing, a pass begins at the patient's present version.
    const from: StreamPosition =
      reset || !decoded || isStreamStart(decoded)
        ? { version: 0, passFrom: patient.version }
        : decoded;
    const page = await rowsAfter(db, patient.id, from, room + 1);
    let included = 0;
    for (const row of page) {
      if (included === room || (included > 0 && bytes >= pageMaxBytes)) break;
      rows.push(row);
      bytes += row.deleted ? 0 : JSON.stringify(row.resource).length;
      included++;
    }
    room -= included;
    const more = page.length > included;
    const last = page[included - 1];
    const next = page[included];
    const position = nextPosition(from, last, next, more, patient.version);
    pulled.push({ ...summary, cursor: encodeCursor(position), reset, more });
    if (included > 0 || reset) disclosed.push({ patientId: patient.id, rows: included, reset });
  }
  return {
    response: { protocol: syncProtocol, patients: pulled, rows, more: pulled.some((p) => p.more) },
    disclosed,
  };
}

/**
 * Where the device stands after this page. Caught up, it stands at the patient's version as
 * read before the rows: that write had committed, and every earlier one with it (ADR 9), so
 * no row at or below it can still appear. This also moves past tombstones a fresh device was
 * not sent, which could otherwise leave its cursor below a purge floor for ever.
 */
function nextPosition(
  from: StreamPosition,
  last: PulledRow | undefined,
  next: PulledRow | undefined,
  more: boolean,
  patientVersion: number,
): StreamPosition {
  if (!more) return { version: Math.max(patientVersion, last?.version ?? from.version) };
  if (!last) return from;
  const at: StreamPosition =
    next && next.version === last.version
      ? { version: last.version, afterId: last.id }
      : { version: last.version };
  if (from.passFrom !== undefined) at.passFrom = from.passFrom;
  return at;
}

/**
 * Whether rows above `position` are exactly what the device lacks. Not when the cursor is
 * ahead of the patient (the server was restored from a backup older than the device's copy),
 * nor when tombstones the device may not have seen were purged (below the floor).
 */
function answerable(position: StreamPosition, version: number, floor: number): boolean {
  if (position.version > version) return false;
  if (isStreamStart(position)) return true;
  // On a pass from nothing, only a purge of tombstones written after the pass began matters.
  if (position.passFrom !== undefined) return floor <= position.passFrom;
  return position.version > floor || (position.version === floor && !position.afterId);
}

/**
 * Rows of one patient after `from`, in stream order. A device on a pass from nothing is not
 * sent tombstones written before its pass began: they concern rows it never had.
 */
async function rowsAfter(
  db: Database,
  patientId: string,
  from: StreamPosition,
  limit: number,
): Promise<PulledRow[]> {
  const after = from.afterId
    ? sql`(${resources.version}, ${resources.id}) > (${from.version}, ${from.afterId}::uuid)`
    : sql`${resources.version} > ${from.version}`;
  const found = await db
    .select({
      patientId: resources.patientId,
      id: resources.id,
      type: resources.resourceType,
      version: resources.version,
      deleted: resources.deleted,
      resource: resources.resource,
      effectiveAt: resources.effectiveAt,
      status: resources.status,
      codeSystem: resources.codeSystem,
      code: resources.code,
      category: resources.category,
    })
    .from(resources)
    .where(
      and(
        eq(resources.patientId, patientId),
        after,
        from.passFrom === undefined
          ? undefined
          : or(eq(resources.deleted, false), gt(resources.version, from.passFrom)),
      ),
    )
    .orderBy(asc(resources.version), asc(resources.id))
    .limit(limit);
  return found.map((row): PulledRow => {
    const base = { patientId, id: row.id, type: row.type, version: row.version };
    if (row.deleted) return { ...base, deleted: true };
    return {
      ...base,
      deleted: false,
      resource: row.resource,
      effectiveAt: row.effectiveAt,
      status: row.status,
      codeSystem: row.codeSystem,
      code: row.code,
      category: row.category,
    };
  });
}
