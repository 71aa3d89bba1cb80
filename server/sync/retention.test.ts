import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { patients, resources, syncFloors, syncMutations } from "../db/schema.ts";
import { writePatientData } from "../records/patient-version.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { addPatientWithRecord, testBundle } from "../test/records.ts";
import { addObservations } from "../test/sync.ts";
import { forgetOldSyncHistory } from "./retention.ts";

const now = new Date("2026-11-25T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const policy = { syncLedgerDays: 90, syncTombstoneDays: 60 };

describe.each(testDatabaseKinds())("sync retention on %s", (kind) => {
  let database: OpenDatabase;
  let patientId: string;
  let accountId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    patientId = await addPatientWithRecord(database.db, "ana", testBundle("urn-uuid"));
    const [row] = await database.db.select().from(patients).where(eq(patients.id, patientId));
    accountId = row?.accountId as string;
  });
  afterAll(() => database.close());

  /** Deletes `id` as the record store does, as if it had happened `days` ago. */
  async function tombstoneAgo(id: string, days: number) {
    await writePatientData(database.db, patientId, async (tx, version) => {
      await tx
        .update(resources)
        .set({ deleted: true, version, updatedAt: daysAgo(days) })
        .where(eq(resources.id, id));
    });
  }

  it("forgets ledger rows and tombstones past their time, and keeps the rest", async () => {
    const [oldId, newId] = [randomUUID(), randomUUID()];
    await database.db.insert(syncMutations).values(
      [
        [oldId, 91],
        [newId, 89],
      ].map(([mutationId, days]) => ({
        userId: accountId,
        mutationId: mutationId as string,
        name: "profile.setLanguage",
        argsDigest: "x",
        status: "applied" as const,
        createdAt: daysAgo(days as number),
      })),
    );
    const [gone, kept] = await addObservations(database.db, patientId, 2);
    await tombstoneAgo(gone as string, 61);
    await tombstoneAgo(kept as string, 59);

    expect(await forgetOldSyncHistory(database.db, now, policy)).toEqual({
      ledgerRows: 1,
      tombstones: 1,
    });

    const ledger = await database.db
      .select({ id: syncMutations.mutationId })
      .from(syncMutations)
      .where(inArray(syncMutations.mutationId, [oldId, newId]));
    expect(ledger.map((row) => row.id)).toEqual([newId]);
    const left = await database.db
      .select({ id: resources.id })
      .from(resources)
      .where(and(eq(resources.patientId, patientId), eq(resources.deleted, true)));
    expect(left.map((row) => row.id)).toEqual([kept]);
    // Devices that synced before the purged deletion must now reset rather than miss it.
    const [floor] = await database.db
      .select()
      .from(syncFloors)
      .where(eq(syncFloors.patientId, patientId));
    expect(floor?.floor).toBeGreaterThan(0);
  });

  it("has nothing to do the second time", async () => {
    expect(await forgetOldSyncHistory(database.db, now, policy)).toEqual({
      ledgerRows: 0,
      tombstones: 0,
    });
  });
});
