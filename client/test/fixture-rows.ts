// Test helper: the FHIR exports of ../shared/fixtures/fhir/ (files Hearth did not make), read in
// place and turned into device rows as a pull would leave them.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { indexColumnsOf } from "../../server/fhir/index-columns.ts";
import type { DeviceResource } from "../local/user-database.ts";
import { row } from "./resource-row.ts";

type Resource = { resourceType: string; [field: string]: unknown };

/** Every resource of a fixture bundle (path under ../shared/fixtures/fhir/). */
export function fixtureResources(path: string): Resource[] {
  // The client tests run in jsdom, where import.meta.url is not a file URL: go by the repo root.
  const file = resolve(process.cwd(), "..", "shared/fixtures/fhir", path);
  const bundle = JSON.parse(readFileSync(file, "utf8")) as { entry?: { resource?: Resource }[] };
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

/** The fixture's resources of `types` as device rows (index status column as the server's). */
export function fixtureRows(path: string, types: readonly string[]): DeviceResource[] {
  return fixtureResources(path)
    .filter((r) => types.includes(r.resourceType))
    .map((r) => {
      const { status } = indexColumnsOf(r);
      return row(r, { status, ...(typeof r.id === "string" ? { id: `${path}#${r.id}` } : {}) });
    });
}
