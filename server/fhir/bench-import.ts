// `npm run bench:import`: how fast FHIR imports go, in resources per second, into a fresh
// embedded PGlite and, when DATABASE_URL is set, a fresh PostgreSQL database. Figures are
// recorded in docs/benchmarks.md. Speed is measured here, never asserted in tests.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { VisiblePatientId } from "../authorization.ts";
import { type DatabaseKind, openTestDatabase } from "../test/database.ts";
import { jsonFiles } from "../test/fixtures.ts";
import { exportRecord } from "./export.ts";
import { largePatient } from "./generator/demo-patients.ts";
import { generatePatientRecord } from "./generator/patient-record.ts";
import { importFhirFile } from "./import.ts";

interface Dataset {
  name: string;
  files: string[];
}

const largePatients = Number(process.env.BENCH_PATIENTS ?? 3);
const years = Number(process.env.BENCH_YEARS ?? 12);

function datasets(): Dataset[] {
  const generated: Dataset = {
    name: `${largePatients} generated patients, ${years} years each`,
    files: Array.from({ length: largePatients }, (_, i) =>
      JSON.stringify(generatePatientRecord(largePatient(5000 + i, years))),
    ),
  };
  const dir =
    process.env.HEARTH_FHIR_FIXTURES ??
    fileURLToPath(new URL("../../../shared/fixtures/fhir", import.meta.url));
  const fixtureFiles = existsSync(dir) ? jsonFiles(dir) : [];
  if (fixtureFiles.length === 0) console.log(`(no shared fixtures at ${dir}: skipping them)`);
  return fixtureFiles.length
    ? [
        generated,
        {
          name: `shared fixtures (${fixtureFiles.length} files)`,
          files: fixtureFiles.map((f) => readFileSync(f, "utf8")),
        },
      ]
    : [generated];
}

async function run(kind: DatabaseKind, sets: Dataset[]): Promise<string[]> {
  const lines: string[] = [];
  for (const set of sets) {
    const database = await openTestDatabase(kind);
    try {
      const patientIds = new Set<string>();
      let stored = 0;
      let started = performance.now();
      for (const text of set.files) {
        const report = await importFhirFile(database.db, text);
        stored += report.created + report.updated + report.unchanged;
        for (const p of report.patients) patientIds.add(p.id);
      }
      const first = performance.now() - started;
      started = performance.now();
      for (const text of set.files) await importFhirFile(database.db, text);
      const again = performance.now() - started;
      started = performance.now();
      let exported = 0;
      for (const id of patientIds) {
        exported +=
          (await exportRecord(database.db, id as VisiblePatientId, new Date())).entry?.length ?? 0;
      }
      const exporting = performance.now() - started;
      const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en-US");
      lines.push(
        `| ${kind} | ${set.name} | ${stored.toLocaleString("en-US")} | ${(first / 1000).toFixed(1)} s | ${rate(stored, first)} | ${rate(stored, again)} | ${rate(exported, exporting)} |`,
      );
      console.log(lines.at(-1));
    } finally {
      await database.close();
    }
  }
  return lines;
}

const sets = datasets();
const kinds: DatabaseKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (!process.env.DATABASE_URL) console.log("(DATABASE_URL is not set: PostgreSQL not measured)");
console.log(
  "| database | data | resources | first import | first import, resources/s | same files again (unchanged), resources/s | export, resources/s |",
);
console.log("|---|---|---:|---:|---:|---:|---:|");
for (const kind of kinds) await run(kind, sets);
