import Dexie from "dexie";
import type { DeviceSource } from "../../local/device-query.ts";
import { type DueVaccine, dueVaccinesOf } from "./immunizations.ts";
import { medications } from "./medications.ts";
import { isNewResult, latestResultAt, newSince, viewedIds } from "./new-results.ts";
import { isResultRow } from "./result-timeline.ts";

/** What the home page says needs attention in the record. */
export interface RecordAttention {
  newResults: number;
  activeMedications: number;
  due: DueVaccine[];
}

/**
 * The record's part of "what needs attention": results not yet opened (recent ones only, see
 * new-results.ts), medicines taken now, and vaccines due. The record feature's one export to
 * the home page, so the rule for "new" lives in one place.
 */
export async function recordAttention(source: DeviceSource, now: number): Promise<RecordAttention> {
  const { db, patientId } = source;
  if (!patientId) return { newResults: 0, activeMedications: 0, due: [] };
  const viewed = await viewedIds(db);
  const latest = await latestResultAt(db, patientId, now);
  const recent = (
    await db.resources
      .where("[patientId+type+effectiveAt]")
      .between(
        [patientId, "Observation", newSince(latest)],
        [patientId, "Observation", Dexie.maxKey],
      )
      .toArray()
  ).filter((row) => isResultRow(row) && isNewResult(row, viewed, latest)).length;
  const meds = await medications(source);
  const recommendations = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "ImmunizationRecommendation"])
    .toArray();
  return {
    newResults: recent,
    activeMedications: meds.filter((m) => m.current).length,
    due: dueVaccinesOf(recommendations).slice(0, 3),
  };
}
