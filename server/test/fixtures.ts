import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The shared FHIR fixtures beside the repository (../shared/fixtures/fhir, which CI provides):
 * third-party data, read in place and never copied in. HEARTH_FHIR_FIXTURES names another
 * folder.
 */
export const fixturesDir =
  process.env.HEARTH_FHIR_FIXTURES ??
  fileURLToPath(new URL("../../../shared/fixtures/fhir", import.meta.url));

/** Every .json file below `dir`, folders included, in name order; none if it is missing. */
export function jsonFiles(dir = fixturesDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith(".json") ? [path] : [];
    });
}
