import { randomUUID } from "node:crypto";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, OpenDatabase } from "../db/open.ts";
import { patients, resources } from "../db/schema.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { type Transaction, writePatientData } from "./patient-version.ts";

async function newPatient(db: Database): Promise<string> {
  const [row] = await db
    .insert(patients)
    .values({ name: "Version Test" })
    .returning({ id: patients.id });
  return row?.id as string;
}

/** One resource row stamped with the version the write was given. */
async function writeOne(tx: Transaction, patientId: string, version: number): Promise<void> {
  const id = randomUUID();
  await tx.insert(resources).values({
    id,
    patientId,
    resourceType: "Observation",
    resource: { resourceType: "Observation", id },
    sourceKey: id,
    contentHash: id,
    version,
  });
}

async function versionsOf(db: Database, patientId: string): Promise<number[]> {
  const rows = await db
    .select({ version: resources.version })
    .from(resources)
    .where(eq(resources.patientId, patientId))
    .orderBy(asc(resources.version));
  return rows.map((r) => r.version);
}

describe.each(testDatabaseKinds())("writePatientData on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it("gives each write the next version and stamps it on the rows written", async () => {
    const patientId = await newPatient(database.db);
    for (let i = 0; i < 3; i++) {
      await writePatientData(database.db, patientId, (tx, version) =>
        writeOne(tx, patientId, version),
      );
    }
    expect(await versionsOf(database.db, patientId)).toEqual([1, 2, 3]);
    const [patient] = await database.db.select().from(patients).where(eq(patients.id, patientId));
    expect(patient?.version).toBe(3);
  });

  it("takes the version back when the write fails", async () => {
    const patientId = await newPatient(database.db);
    await writePatientData(database.db, patientId, (tx, version) =>
      writeOne(tx, patientId, version),
    );
    await expect(
      writePatientData(database.db, patientId, async (tx, version) => {
        await writeOne(tx, patientId, version);
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    await writePatientData(database.db, patientId, (tx, version) =>
      writeOne(tx, patientId, version),
    );
    expect(await versionsOf(database.db, patientId)).toEqual([1, 2]);
  });

  it("refuses a patient that does not exist", async () => {
    await expect(writePatientData(database.db, randomUUID(), async () => {})).rejects.toThrow(
      /No patient/,
    );
  });
});

// Several connections writing the same patient at once: only PostgreSQL has them (PGlite is one
// connection, where the row lock is trivially satisfied).
const postgres = process.env.DATABASE_URL;
if (!postgres) {
  console.warn("DATABASE_URL is not set: the concurrent-writers test on PostgreSQL did NOT run.");
  describe("concurrent writers", () => {
    it.skip("did NOT run: it needs PostgreSQL (set DATABASE_URL)", () => {});
  });
} else {
  describe("concurrent writers on PostgreSQL", () => {
    let database: OpenDatabase;
    beforeAll(async () => {
      database = await openTestDatabase("postgres");
    });
    afterAll(() => database.close());

    it("hands out unique versions that become visible in order, so a reader never sees a gap", async () => {
      const db = database.db;
      const patientId = await newPatient(db);
      const writers = 40;
      let done = false;
      const snapshots: number[][] = [];
      // A reader on its own connections, polling while the writers run, as a pull would.
      const reader = (async () => {
        while (!done) {
          snapshots.push(await versionsOf(db, patientId));
        }
      })();
      const connections = new Set<number>();
      await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          writePatientData(db, patientId, async (tx, version) => {
            const result = await tx.execute(sql`select pg_backend_pid() as pid`);
            connections.add(
              Number((result as unknown as { rows: Array<{ pid: number }> }).rows[0]?.pid),
            );
            // Hold the lock a little, longer for some, so writers pile up behind it.
            await tx.execute(sql`select pg_sleep(${(i % 4) * 0.004})`);
            await writeOne(tx, patientId, version);
          }),
        ),
      );
      done = true;
      await reader;

      expect(connections.size).toBeGreaterThan(1);
      const final = await versionsOf(db, patientId);
      expect(final).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
      const [patient] = await db.select().from(patients).where(eq(patients.id, patientId));
      expect(patient?.version).toBe(writers);
      // Every snapshot the reader took was 1..n with nothing missing: a later version never
      // committed before an earlier one.
      expect(snapshots.length).toBeGreaterThan(1);
      for (const seen of snapshots) {
        expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
      }
      expect(snapshots.some((seen) => seen.length > 0 && seen.length < writers)).toBe(true);
    });
  });
}
