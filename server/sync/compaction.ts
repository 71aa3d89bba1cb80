import { and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { resources, syncFloors } from "../db/schema.ts";
import { lockPatients } from "../records/patient-version.ts";

/**
 * Deletes a patient's tombstones written at or below `throughVersion` and raises the patient's
 * sync floor to it, under the patient's row lock so no write slips between the two. Devices
 * whose cursor is below the floor can no longer learn of those deletions incrementally, so
 * their next pull is a reset (server/sync/pull.ts). Answers how many tombstones went.
 *
 * @example await purgeTombstones(db, patientId, 120);
 */
export async function purgeTombstones(
  db: Database,
  patientId: string,
  throughVersion: number,
): Promise<number> {
  return db.transaction(async (tx) => {
    const locked = await lockPatients(tx, [patientId]);
    const current = locked.get(patientId);
    if (current === undefined) throw new Error(`No patient ${patientId}`);
    const through = Math.min(throughVersion, current);
    const purged = await tx
      .delete(resources)
      .where(
        and(
          eq(resources.patientId, patientId),
          eq(resources.deleted, true),
          lte(resources.version, through),
        ),
      )
      .returning({ id: resources.id });
    await tx
      .insert(syncFloors)
      .values({ patientId, floor: through })
      .onConflictDoUpdate({
        target: syncFloors.patientId,
        set: { floor: sql`greatest(${syncFloors.floor}, ${through})` },
      });
    return purged.length;
  });
}
