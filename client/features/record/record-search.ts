import type { DeviceResource } from "../../local/user-database.ts";
import { inDateWindow } from "./date-window.ts";
import type { RecordSource } from "./device-query.ts";
import { conceptText } from "./fhir-read.ts";
import { nameOf } from "./result-flags.ts";
import type { DateWindow } from "./result-timeline.ts";
import { isResultRow, isVitalRow } from "./result-timeline.ts";

export type FoundKind =
  | "result"
  | "vital"
  | "medication"
  | "allergy"
  | "immunization"
  | "problem"
  | "visit";

/** One thing found: a test (all its results, shown by the newest), a medicine, a problem, … */
export interface Found {
  kind: FoundKind;
  /** The item to open: for a test, its newest result in the window. */
  id: string;
  name: string;
  latest: string | null;
  /** How many results of that test matched (1 for everything else). */
  count: number;
}

/** Lower case, without accents, so "Hémoglobine" is found by "hemoglobine". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}

/** Every word of the query appears somewhere in the name. */
export function matchesQuery(name: string, query: string): boolean {
  const haystack = fold(name);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const kindOfType: Record<string, FoundKind | undefined> = {
  MedicationRequest: "medication",
  MedicationStatement: "medication",
  AllergyIntolerance: "allergy",
  Immunization: "immunization",
  Condition: "problem",
  Encounter: "visit",
};

function nameOfRow(row: DeviceResource): string {
  const r = row.resource;
  switch (row.type) {
    case "MedicationRequest":
    case "MedicationStatement":
      return conceptText(r.medicationCodeableConcept) ?? "";
    case "Immunization":
      return conceptText(r.vaccineCode) ?? "";
    case "Encounter":
      return conceptText(r.type) ?? "";
    default:
      return nameOf(r);
  }
}

/**
 * Searches the record's names (tests, medicines, problems, allergies, vaccines, kinds of visit)
 * for every word of `query`, within the date window; results of one test are gathered into one
 * line. Newest first. Pure: the page hands it the rows (tests pass it fake rows).
 *
 * @example searchRecord(rows, "glucose", { from: "2024-01-01" })
 */
export function searchRecord(
  rows: Iterable<DeviceResource>,
  query: string,
  window: DateWindow,
): Found[] {
  const tests = new Map<string, Found>();
  const found: Found[] = [];
  for (const row of rows) {
    if (!inDateWindow(row.effectiveAt, window)) continue;
    const name = nameOfRow(row);
    if (!name || (query && !matchesQuery(name, query))) continue;
    if (row.type === "Observation") {
      if (!isResultRow(row) && !isVitalRow(row)) continue;
      const key = `${row.codeSystem ?? ""}|${row.code ?? name}`;
      const seen = tests.get(key);
      if (!seen) {
        tests.set(key, {
          kind: isVitalRow(row) ? "vital" : "result",
          id: row.id,
          name,
          latest: row.effectiveAt,
          count: 1,
        });
      } else {
        seen.count++;
        if ((row.effectiveAt ?? "") > (seen.latest ?? "")) {
          seen.id = row.id;
          seen.latest = row.effectiveAt;
        }
      }
      continue;
    }
    const kind = kindOfType[row.type];
    if (kind) found.push({ kind, id: row.id, name, latest: row.effectiveAt, count: 1 });
  }
  return [...tests.values(), ...found].sort((a, b) =>
    (b.latest ?? "").localeCompare(a.latest ?? ""),
  );
}

const searchedTypes = ["Observation", ...Object.keys(kindOfType)];

/** The search over the device's copy; nothing is searched for an empty query and no dates. */
export async function searchDevice(
  { db, patientId }: RecordSource,
  query: string,
  window: DateWindow,
): Promise<Found[] | undefined> {
  if (!patientId || (!query && !window.from && !window.to)) return undefined;
  const rows = await db.resources
    .where("[patientId+type]")
    .anyOf(searchedTypes.map((type) => [patientId, type]))
    .toArray();
  return searchRecord(rows, query, window);
}

/** Where a found item opens. */
export function hrefOf(found: Found): string {
  const section = {
    result: "results",
    vital: "vitals",
    medication: "medications",
    allergy: "allergies",
    immunization: "immunizations",
    problem: "problems",
    visit: "visits",
  }[found.kind];
  return `/record/${section}/${encodeURIComponent(found.id)}`;
}
