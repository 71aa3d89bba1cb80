import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { resources } from "../db/schema.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { fixturesDir, jsonFiles } from "../test/fixtures.ts";
import { roundTripProblems } from "../test/round-trip.ts";
import { importFhirFile } from "./import.ts";

/**
 * Real exports: the Synthea and HL7 example files shared with developers next to the repository
 * (../shared/fixtures/fhir, which CI provides). They are third-party data and are not copied
 * into the repository; when the folder is missing this suite says so and does not run.
 */

const files = jsonFiles(fixturesDir);

if (files.length === 0) {
  console.warn(
    `The shared FHIR fixtures were not found at ${fixturesDir}: their test did NOT run.`,
  );
  describe("shared FHIR fixtures", () => {
    it.skip(`did NOT run: no fixtures at ${fixturesDir} (set HEARTH_FHIR_FIXTURES to their folder)`, () => {});
  });
} else {
  describe.each(testDatabaseKinds())("the shared FHIR fixtures on %s", (kind) => {
    let database: OpenDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database.close());

    it.each(files.map((path) => [relative(fixturesDir, path), path]))(
      "imports %s, exports it back unchanged, and takes it again without duplicates",
      async (_name, path) => {
        const db = database.db;
        const text = readFileSync(path, "utf8");
        const before = new Set(
          (await db.select({ id: resources.id }).from(resources)).map((r) => r.id),
        );
        let report = await importFhirFile(db, text);
        if (report.patients.length === 0) {
          // A file that names no patient (a Practitioner alone) goes into a record when asked to.
          report = await importFhirFile(db, text, { account: "fixture-reader" });
        }
        expect(report.patients.length).toBeGreaterThan(0);
        const problems = await roundTripProblems(
          db,
          text,
          report.patients.map((p) => p.id),
          before,
        );
        expect(problems).toEqual([]);

        const [rows] = await db.select({ n: count() }).from(resources);
        const again = await importFhirFile(
          db,
          text,
          report.patients.some((p) => p.account) ? { account: "fixture-reader" } : {},
        );
        expect({ created: again.created, updated: again.updated }).toEqual({
          created: 0,
          updated: 0,
        });
        const [rowsAfter] = await db.select({ n: count() }).from(resources);
        expect(rowsAfter?.n).toBe(rows?.n);
      },
    );

    it("imports the whole folder again without creating anything", async () => {
      const [rows] = await database.db.select({ n: count() }).from(resources);
      for (const path of files) {
        const again = await importFhirFile(database.db, readFileSync(path, "utf8"));
        expect(again.created).toBe(0);
      }
      const [rowsAfter] = await database.db.select({ n: count() }).from(resources);
      expect(rowsAfter?.n).toBe(rows?.n);
    });
  });
}
