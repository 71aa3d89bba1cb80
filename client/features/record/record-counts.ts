import type { DeviceSource } from "../../local/device-query.ts";
import { documents } from "./documents.ts";
import type { Section } from "./item-page.tsx";
import { otherRecords } from "./other-records.ts";
import { procedures } from "./procedures.ts";
import {
  historyCategories,
  namedCategories,
  observationCategories,
  observationPlace,
  uncategorizedObservations,
} from "./result-timeline.ts";

const typesOf: Record<
  Exclude<Section, "results" | "vitals" | "history" | "documents" | "procedures" | "other">,
  readonly string[]
> = {
  medications: ["MedicationRequest", "MedicationStatement"],
  allergies: ["AllergyIntolerance"],
  immunizations: ["Immunization"],
  problems: ["Condition"],
  visits: ["Encounter"],
};

/**
 * How many items each part of the record holds: the one definition of each count, used by My
 * record and by home, and the same rule the pages list by (`observationPlace`, `documents`).
 * Observations are counted on the category index's keys; only those whose category does not
 * settle their place (none, or one no profile names) are read and placed by their code.
 */
export async function recordCounts(source: DeviceSource): Promise<Record<Section, number>> {
  const { db, patientId } = source;
  const counts: Record<Section, number> = {
    results: 0,
    vitals: 0,
    history: 0,
    documents: 0,
    medications: 0,
    allergies: 0,
    immunizations: 0,
    problems: 0,
    visits: 0,
    procedures: 0,
    other: 0,
  };
  if (!patientId) return counts;
  for (const [category, n] of await observationCategories(source)) {
    if (category === "vital-signs") counts.vitals += n;
    else if (historyCategories.includes(category)) counts.history += n;
    else if (namedCategories.has(category)) counts.results += n;
    else {
      // A category no profile names: its rows are placed one by one, by their code.
      const rows = await db.resources
        .where("[patientId+type+category]")
        .equals([patientId, "Observation", category])
        .toArray();
      for (const row of rows) counts[observationPlace(row)] += 1;
    }
  }
  for (const row of await uncategorizedObservations(source)) counts[observationPlace(row)] += 1;
  counts.documents = (await documents(source)).length;
  // As their pages list them (entries in error left out), so the count and the page agree.
  counts.procedures = (await procedures(source)).length;
  counts.other = (await otherRecords(source)).reduce((n, group) => n + group.items.length, 0);
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

/** What a payer (a CARIN Blue Button export) sends: insurance and claims, no clinical data. */
export const payerTypes = ["Coverage", "Claim", "ClaimResponse", "ExplanationOfBenefit"] as const;

/** How many insurance and claims resources the device holds for the record. */
export async function payerRecordCount({ db, patientId }: DeviceSource): Promise<number> {
  if (!patientId) return 0;
  let n = 0;
  for (const type of payerTypes) {
    n += await db.resources.where("[patientId+type]").equals([patientId, type]).count();
  }
  return n;
}

/**
 * The record's counts, whether it holds nothing yet, and whether what it holds is only a
 * payer's: insurance and claims (listed under "Other records") and no clinical item.
 */
export async function recordOverview(source: DeviceSource) {
  const counts = await recordCounts(source);
  const empty = Object.values(counts).every((n) => n === 0);
  const clinical = (Object.entries(counts) as [Section, number][]).some(
    ([section, n]) => section !== "other" && n > 0,
  );
  const payer = await payerRecordCount(source);
  return { counts, empty, payerOnly: !clinical && payer > 0 && counts.other === payer };
}
