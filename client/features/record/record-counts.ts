import type { RecordSource } from "./device-query.ts";
import type { Section } from "./item-page.tsx";
import { notResultCategories } from "./result-timeline.ts";

const typesOf: Record<Exclude<Section, "results" | "vitals">, readonly string[]> = {
  medications: ["MedicationRequest", "MedicationStatement"],
  allergies: ["AllergyIntolerance"],
  immunizations: ["Immunization"],
  problems: ["Condition"],
  visits: ["Encounter"],
};

/**
 * How many items each part of the record holds, counted on indexes only (Dexie version 3's
 * `[patientId+type+category]`), so thousands of results are counted without reading one.
 */
export async function recordCounts({
  db,
  patientId,
}: RecordSource): Promise<Record<Section, number>> {
  const counts: Record<Section, number> = {
    results: 0,
    vitals: 0,
    medications: 0,
    allergies: 0,
    immunizations: 0,
    problems: 0,
    visits: 0,
  };
  if (!patientId) return counts;
  const observations = (category: string) =>
    db.resources
      .where("[patientId+type+category]")
      .equals([patientId, "Observation", category])
      .count();
  const all = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Observation"])
    .count();
  counts.vitals = await observations("vital-signs");
  let elsewhere = 0;
  for (const category of notResultCategories) elsewhere += await observations(category);
  counts.results = all - elsewhere;
  for (const [section, types] of Object.entries(typesOf) as [
    keyof typeof typesOf,
    readonly string[],
  ][]) {
    for (const type of types) {
      counts[section] += await db.resources
        .where("[patientId+type]")
        .equals([patientId, type])
        .count();
    }
  }
  return counts;
}
