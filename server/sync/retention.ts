import { and, eq, lt, max } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { resources, syncMutations } from "../db/schema.ts";
import { logFailure } from "../http/error-log.ts";
import { purgeTombstones } from "./compaction.ts";

const dayMs = 86_400_000;

export interface RetentionPolicy {
  syncLedgerDays: number;
  syncTombstoneDays: number;
}

/**
 * Forgets sync history that no device should still need, so the ledger and the tombstones do
 * not grow for ever (docs/decisions/0013-sync-protocol.md, "Retention"):
 * - ledger rows older than `syncLedgerDays`: a device that replays a change after that long
 *   would have it applied again, so the window is far longer than any outbox waits in practice;
 * - tombstones older than `syncTombstoneDays`, per patient through `purgeTombstones`, which
 *   raises the patient's sync floor: a device last synced before it resets instead of missing a
 *   deletion.
 *
 * @example await forgetOldSyncHistory(db, new Date(), config);
 */
export async function forgetOldSyncHistory(
  db: Database,
  now: Date,
  policy: RetentionPolicy,
): Promise<{ ledgerRows: number; tombstones: number }> {
  const ledgerBefore = new Date(now.getTime() - policy.syncLedgerDays * dayMs);
  const forgotten = await db
    .delete(syncMutations)
    .where(lt(syncMutations.createdAt, ledgerBefore))
    .returning({ id: syncMutations.mutationId });

  // Versions only grow, so the newest old tombstone's version bounds every older one.
  const tombstonesBefore = new Date(now.getTime() - policy.syncTombstoneDays * dayMs);
  const patients = await db
    .select({ patientId: resources.patientId, through: max(resources.version) })
    .from(resources)
    .where(and(eq(resources.deleted, true), lt(resources.updatedAt, tombstonesBefore)))
    .groupBy(resources.patientId);
  let tombstones = 0;
  for (const { patientId, through } of patients) {
    if (patientId && through !== null) {
      tombstones += await purgeTombstones(db, patientId, Number(through));
    }
  }
  return { ledgerRows: forgotten.length, tombstones };
}

/**
 * Runs `forgetOldSyncHistory` now and then once a day, for the life of the process. A failure
 * is logged and retried at the next run: housekeeping must never take the server down.
 */
export function scheduleSyncRetention(
  db: Database,
  now: () => Date,
  policy: RetentionPolicy,
  log: (line: string) => void = console.log,
): () => void {
  const run = async () => {
    try {
      const { ledgerRows, tombstones } = await forgetOldSyncHistory(db, now(), policy);
      if (ledgerRows + tombstones > 0) {
        log(`Sync retention: forgot ${ledgerRows} ledger rows and ${tombstones} tombstones`);
      }
    } catch (error) {
      logFailure("sync retention", error);
    }
  };
  void run();
  const timer = setInterval(run, dayMs);
  timer.unref();
  return () => clearInterval(timer);
}
