import {
  type PullResponse,
  pullPageDefaultRows,
  syncProtocol,
} from "../../shared/contracts/sync.ts";
import type { ErrorCode } from "../../shared/errors.ts";
import type { RequestOptions } from "../api/request.ts";
import { pullPage } from "../api/sync.ts";
import { appliedKeys } from "./outbox.ts";
import { storageErrorCode } from "./storage.ts";
import type { DeviceResource, UserDatabase } from "./user-database.ts";

export type StepResult =
  | { ok: true; requests: number }
  | { ok: false; code: ErrorCode; requests: number };

/** More pages than any record has: a server that never says "caught up" cannot loop us forever. */
const maxPages = 10_000;

/**
 * Pulls page after page until the device has caught up with every patient it may see
 * (docs/architecture.md, "Pull"). Each page is written with its cursors in one Dexie transaction,
 * so a connection that drops mid-pull loses at most the page in flight, and the next pull
 * resumes from the last page written (docs/abuse-cases.md 15).
 */
export async function pullUntilCaughtUp(
  db: UserDatabase,
  options: RequestOptions & { pageSize?: number } = {},
): Promise<StepResult> {
  // Writes the server had applied before this pull began: its last page brings their effect
  // (the server answers up to each patient's version as it stood when asked), so they leave the
  // outbox with that page.
  const settled = await appliedKeys(db);
  for (let requests = 1; requests <= maxPages; requests++) {
    const held = await db.cursors.toArray();
    const cursors = Object.fromEntries(held.map((c) => [c.patientId, c.cursor]));
    const answer = await pullPage(
      { protocol: syncProtocol, cursors, limit: options.pageSize ?? pullPageDefaultRows },
      options,
    );
    if (!answer.ok && answer.code === "SYNC-805" && requests < maxPages) {
      // The server refused cursors for patients this user may not see (held from before an
      // access ended): forget them, as a page that no longer lists them would, and ask again.
      const refused = (answer.fields ?? [])
        .map((f) => f.field.replace(/^cursors\./, ""))
        .filter((id) => id in cursors);
      if (refused.length > 0) {
        await db.transaction("rw", [db.resources, db.patients, db.cursors], async () => {
          for (const id of refused) await forgetPatient(db, id);
        });
        continue;
      }
    }
    if (!answer.ok) return { ok: false, code: answer.code, requests };
    try {
      await applyPage(db, answer.data, answer.data.more ? [] : settled);
    } catch (error) {
      return { ok: false, code: storageErrorCode(error), requests };
    }
    if (!answer.data.more) return { ok: true, requests };
  }
  return { ok: false, code: "SRV-501", requests: maxPages };
}

/**
 * Writes one page: forgets patients the user may no longer see, empties a patient whose cursor
 * was reset, applies upserts and tombstones, moves the cursors, and lets the `settled` writes
 * leave the outbox — all or nothing.
 */
export async function applyPage(
  db: UserDatabase,
  page: PullResponse,
  settled: readonly number[] = [],
): Promise<void> {
  await db.transaction("rw", [db.resources, db.patients, db.cursors, db.outbox], async () => {
    const visible = new Set(page.patients.map((p) => p.id));
    const held = (await db.patients.toCollection().primaryKeys()) as string[];
    const cursorsHeld = (await db.cursors.toCollection().primaryKeys()) as string[];
    for (const id of new Set([...held, ...cursorsHeld])) {
      if (!visible.has(id)) await forgetPatient(db, id);
    }
    for (const patient of page.patients) {
      if (patient.reset) await db.resources.where("patientId").equals(patient.id).delete();
    }
    const upserts: DeviceResource[] = [];
    const deletions: string[] = [];
    for (const row of page.rows) {
      if (row.deleted) {
        deletions.push(row.id);
        continue;
      }
      upserts.push({
        id: row.id,
        patientId: row.patientId,
        type: row.type,
        version: row.version,
        resource: row.resource,
        effectiveAt: row.effectiveAt,
        status: row.status,
        codeSystem: row.codeSystem,
        code: row.code,
        category: row.category,
      });
    }
    await db.resources.bulkPut(upserts);
    await db.resources.bulkDelete(deletions);
    await db.patients.bulkPut(
      page.patients.map(({ id, name, birthDate, self }) => ({ id, name, birthDate, self })),
    );
    await db.cursors.bulkPut(page.patients.map((p) => ({ patientId: p.id, cursor: p.cursor })));
    await db.outbox.bulkDelete([...settled]);
  });
}

async function forgetPatient(db: UserDatabase, patientId: string): Promise<void> {
  await db.resources.where("patientId").equals(patientId).delete();
  await db.patients.delete(patientId);
  await db.cursors.delete(patientId);
}
