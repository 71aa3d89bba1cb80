import Dexie from "dexie";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { historiesOf, type MeasureHistory } from "./result-history.ts";
import { resultIdsOf } from "./result-timeline.ts";

/** One result with everything its page shows: its test's history and the reports listing it. */
export interface ResultDetail {
  row: DeviceResource;
  histories: MeasureHistory[];
  reports: DeviceResource[];
}

/**
 * Reads one Observation and every Observation of the same code (index `[patientId+code+
 * effectiveAt]`, Dexie version 3), so the history of a test costs one index range, however
 * long the record.
 */
export async function resultDetail(
  { db, patientId }: DeviceSource,
  id: string,
): Promise<ResultDetail | undefined> {
  const row = await db.resources.get(id);
  if (row?.type !== "Observation" || row.patientId !== patientId) return undefined;
  // toArray, then filter: a Dexie filter walks an IndexedDB cursor, one round trip a row.
  const same = row.code
    ? (
        await db.resources
          .where("[patientId+code+effectiveAt]")
          .between([patientId, row.code, Dexie.minKey], [patientId, row.code, Dexie.maxKey])
          .toArray()
      ).filter((other) => other.type === "Observation" && other.codeSystem === row.codeSystem)
    : [row];
  // Undated results have no entry in the dated index: add the one asked for if it is one.
  if (!same.some((other) => other.id === row.id)) same.push(row);
  const reports = (
    await db.resources.where("[patientId+type]").equals([patientId, "DiagnosticReport"]).toArray()
  ).filter((report) => resultIdsOf(report).includes(row.id));
  return { row, histories: historiesOf(same), reports };
}
