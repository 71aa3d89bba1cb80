import { readdirSync, readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Migration 0013 turns effective_at from timestamptz into a FhirWhen (shared/fhir-when.ts):
// rows written before it, with calendar dates stored as midnight UTC, get back what their
// resource says. Run here on rows written the old way, with the migrations before it.
const folder = new URL("./migrations/", import.meta.url);
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".sql"))
  .sort();
const run = (client: PGlite, name: string) =>
  client.exec(
    readFileSync(new URL(name, folder), "utf8").split("--> statement-breakpoint").join("\n"),
  );

const rows = [
  // id, type, resource fields, effective_at as the old importer stored it
  [
    "00000000-0000-4000-8000-000000000001",
    "Observation",
    { effectiveDateTime: "2024-03-04T09:05:00-05:00" },
    "2024-03-04T14:05:00Z",
  ],
  [
    "00000000-0000-4000-8000-000000000002",
    "Condition",
    { onsetDateTime: "2012-05" },
    "2012-05-01T00:00:00Z",
  ],
  [
    "00000000-0000-4000-8000-000000000003",
    "MedicationRequest",
    { authoredOn: "2022-08-16" },
    "2022-08-16T00:00:00Z",
  ],
  [
    "00000000-0000-4000-8000-000000000004",
    "Encounter",
    { period: { start: "2019" } },
    "2019-01-01T00:00:00Z",
  ],
  ["00000000-0000-4000-8000-000000000005", "Practitioner", {}, null],
] as const;

describe("migration 0013: calendar dates", () => {
  const client = new PGlite();
  beforeAll(async () => {
    const index = files.findIndex((name) => name.startsWith("0013_"));
    expect(index).toBeGreaterThan(0);
    for (const name of files.slice(0, index)) await run(client, name);
    for (const [id, type, fields, at] of rows) {
      await client.query(
        `insert into resources (id, resource_type, resource, source_key, content_hash, effective_at, version)
         values ($1::uuid, $2, $3, $5, 'x', $4, 0)`,
        [id, type, JSON.stringify({ resourceType: type, id, ...fields }), at, id],
      );
    }
    await run(client, files[index] as string);
  });
  afterAll(() => client.close());

  it("keeps instants as UTC text and gives calendar dates back as written", async () => {
    const { rows: found } = await client.query<{ id: string; effective_at: string | null }>(
      "select id, effective_at from resources order by id",
    );
    expect(found.map((row) => row.effective_at)).toEqual([
      "2024-03-04T14:05:00.000Z",
      "2012-05",
      "2022-08-16",
      "2019",
      null,
    ]);
  });
});
