import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { asc, count, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VisiblePatientId } from "../authorization.ts";
import type { Database, OpenDatabase } from "../db/open.ts";
import { patients, resources } from "../db/schema.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { fixturesDir, jsonFiles } from "../test/fixtures.ts";
import { exportRecord } from "./export.ts";
import { type ImportOptions, importFhirFile } from "./import.ts";
import type { FhirBundle } from "./types.ts";

/**
 * ADR 24: Hearth's own export, imported back into the Hearth that made it or into
 * another one, creates nothing and changes nothing. Run over every shared fixture (../shared/
 * fixtures/fhir, all folders, read in place), each imported, exported, and the export imported.
 */

const files = jsonFiles(fixturesDir);
const reader = { account: "fixture-reader" };

/** What an import could change: the rows, their versions and tombstones, and the patients'. */
async function state(db: Database) {
  const [rows] = await db
    .select({
      n: count(),
      versions: sql<string>`coalesce(sum(${resources.version}), 0)::text`,
      deleted: sql<number>`count(*) filter (where ${resources.deleted})::int`,
      latest: sql<string>`coalesce(max(${resources.updatedAt})::text, '')`,
    })
    .from(resources);
  const people = await db
    .select({ id: patients.id, version: patients.version, keys: patients.sourceKeys })
    .from(patients)
    .orderBy(asc(patients.id));
  return { rows, people };
}

async function exportsOf(db: Database, ids: readonly string[]): Promise<FhirBundle[]> {
  const bundles: FhirBundle[] = [];
  for (const id of ids) {
    bundles.push(await exportRecord(db, id as VisiblePatientId, new Date()));
  }
  return bundles;
}

/** The resources of exports, without what differs on every call (bundle id, timestamps). */
function contentOf(bundles: readonly FhirBundle[]) {
  return bundles.flatMap((b) => b.entry ?? []).map((e) => e.resource);
}

if (files.length === 0) {
  describe("re-importing Hearth's export of the shared FHIR fixtures", () => {
    it.skip(`did NOT run: no fixtures at ${fixturesDir} (set HEARTH_FHIR_FIXTURES)`, () => {});
  });
} else {
  describe.each(testDatabaseKinds())("re-importing Hearth's export on %s", (kind) => {
    let first: OpenDatabase;
    let fresh: OpenDatabase;
    beforeAll(async () => {
      first = await openTestDatabase(kind);
      fresh = await openTestDatabase(kind);
    });
    afterAll(async () => {
      await first.close();
      await fresh.close();
    });

    it.each(files.map((path) => [relative(fixturesDir, path), path]))(
      "%s: its export, imported back or into another Hearth, creates and changes nothing",
      async (_name, path) => {
        const text = readFileSync(path, "utf8");
        let options: ImportOptions = {};
        let report = await importFhirFile(first.db, text);
        if (report.patients.length === 0) {
          // A file that names no patient (a Questionnaire alone) goes into a record when asked.
          options = reader;
          report = await importFhirFile(first.db, text, options);
        }
        const ids = report.patients.map((p) => p.id);
        const exported = await exportsOf(first.db, ids);
        expect(contentOf(exported).length).toBeGreaterThan(0);

        // Back into the Hearth that made it.
        const before = await state(first.db);
        for (const bundle of exported) {
          const again = await importFhirFile(first.db, JSON.stringify(bundle), options);
          expect(again.patients.map((p) => [p.id, p.outcome])).toEqual([
            [expect.any(String), "existing"],
          ]);
          expect({
            created: again.created,
            updated: again.updated,
            deleted: again.deleted,
          }).toEqual({ created: 0, updated: 0, deleted: 0 });
        }
        expect(await state(first.db)).toEqual(before);

        // Into another Hearth: it arrives as it was (ids included), and once only.
        const created: string[] = [];
        for (const bundle of exported) {
          const into = await importFhirFile(fresh.db, JSON.stringify(bundle), options);
          created.push(...into.patients.map((p) => p.id));
        }
        const freshBefore = await state(fresh.db);
        for (const bundle of exported) {
          const again = await importFhirFile(fresh.db, JSON.stringify(bundle), options);
          expect({ created: again.created, updated: again.updated }).toEqual({
            created: 0,
            updated: 0,
          });
        }
        expect(await state(fresh.db)).toEqual(freshBefore);
        const there = await exportsOf(fresh.db, unique(created));
        if (options === reader) {
          // The account's record there holds this file and the earlier no-patient files.
          expect(contentOf(there)).toEqual(expect.arrayContaining(contentOf(exported)));
        } else {
          expect(contentOf(there)).toEqual(contentOf(exported));
        }
      },
    );
  });
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
