import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { patients } from "../db/schema.ts";

/** What `db.transaction` hands its callback; it can do everything a Database can. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Moves the patient to its next version and returns it. The UPDATE takes the patient's row lock
 * and holds it to the end of the transaction, so a second writer waits here until the first has
 * committed: versions are handed out, and become visible, in order. That is what lets a pull ask
 * for "rows above version N" and never miss one (docs/architecture.md, "Pull";
 * docs/decisions/0009-patient-version-counter.md).
 */
export async function bumpPatientVersion(tx: Transaction, patientId: string): Promise<number> {
  const [row] = await tx
    .update(patients)
    .set({ version: sql`${patients.version} + 1` })
    .where(eq(patients.id, patientId))
    .returning({ version: patients.version });
  if (!row) throw new Error(`No patient ${patientId}`);
  return row.version;
}

/**
 * Locks several patients' rows before deciding what to write, in id order so two writers that
 * touch the same patients can never deadlock. Answers each patient's current version.
 */
export async function lockPatients(
  tx: Transaction,
  patientIds: readonly string[],
): Promise<Map<string, number>> {
  if (patientIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: patients.id, version: patients.version })
    .from(patients)
    .where(inArray(patients.id, [...patientIds]))
    .orderBy(patients.id)
    .for("update");
  return new Map(rows.map((row) => [row.id, row.version]));
}

/**
 * The one way to write a patient's data: in one transaction, take the patient's row lock, move
 * it to a new version, and let `write` stamp that version on every row it writes. Sync (push)
 * and the importer both go through here or through the two functions above.
 *
 * @example
 * await writePatientData(db, patientId, async (tx, version) => {
 *   await tx.update(resources).set({ deleted: true, version }).where(eq(resources.id, id));
 * });
 */
export async function writePatientData<T>(
  db: Database,
  patientId: string,
  write: (tx: Transaction, version: number) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const version = await bumpPatientVersion(tx, patientId);
    return write(tx, version);
  });
}
