import Dexie from "dexie";
import type { DeviceResource } from "../../local/user-database.ts";
import { inDateWindow, windowKeyRange } from "./date-window.ts";
import type { RecordSource } from "./device-query.ts";
import { isObject, referenceId } from "./fhir-read.ts";
import { newestFirst } from "./result-history.ts";

/**
 * Observation categories shown elsewhere than under test results: vital signs have a page of
 * their own; social history and questionnaires are not test results.
 */
export const notResultCategories = ["vital-signs", "social-history", "survey", "activity"];
const notResults = new Set(notResultCategories);

export function isResultRow(row: Pick<DeviceResource, "category">): boolean {
  return !notResults.has(row.category ?? "");
}

export function isVitalRow(row: Pick<DeviceResource, "category">): boolean {
  return row.category === "vital-signs";
}

/** One entry of the results list: a report with its results, or a result sent on its own. */
export type TimelineEntry =
  | { kind: "report"; row: DeviceResource; results: DeviceResource[] }
  | { kind: "result"; row: DeviceResource };

/** Dates a list is limited to, as "YYYY-MM-DD" (both ends included); empty means open. */
export interface DateWindow {
  from?: string | undefined;
  to?: string | undefined;
}

/** The results of a report, in the order the report lists them. */
export function resultIdsOf(report: DeviceResource): string[] {
  const results = Array.isArray(report.resource.result) ? report.resource.result : [];
  return results.flatMap((reference) => {
    const id = isObject(reference) ? referenceId(reference) : undefined;
    return id ? [id] : [];
  });
}

/**
 * Lower and upper index keys for one type over a date window: a range that holds the window's
 * rows and a few either side, which `inDateWindow` then leaves out.
 */
export function dateBounds(patientId: string, type: string, window: DateWindow) {
  const keys = windowKeyRange(window);
  const lower = keys.lower ?? Dexie.minKey;
  const upper = keys.upper ?? Dexie.maxKey;
  return [
    [patientId, type, lower],
    [patientId, type, upper],
  ] as const;
}

/**
 * The newest `limit` entries of the results list, and whether there are more. Reports and
 * results sent on their own (home glucose readings) are merged by date; a result that a report
 * lists appears under that report only. Only `limit` (+1) rows of each kind are read, so the
 * first screen of a record with thousands of results costs the same as a small one's.
 */
export async function resultsTimeline(
  { db, patientId }: RecordSource,
  limit: number,
  window: DateWindow = {},
): Promise<{ entries: TimelineEntry[]; more: boolean }> {
  if (!patientId) return { entries: [], more: false };
  // Every report's ids (a few hundred at most), to know which results stand alone.
  const allReports = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "DiagnosticReport"])
    .toArray();
  const inReports = new Set(allReports.flatMap(resultIdsOf));
  const [reportLow, reportHigh] = dateBounds(patientId, "DiagnosticReport", window);
  const reports = await db.resources
    .where("[patientId+type+effectiveAt]")
    .between(reportLow, reportHigh, true, true)
    .reverse()
    .filter((row) => inDateWindow(row.effectiveAt, window))
    .limit(limit + 1)
    .toArray();
  const [low, high] = dateBounds(patientId, "Observation", window);
  const alone = await db.resources
    .where("[patientId+type+effectiveAt]")
    .between(low, high, true, true)
    .reverse()
    .filter(
      (row) => isResultRow(row) && !inReports.has(row.id) && inDateWindow(row.effectiveAt, window),
    )
    .limit(limit + 1)
    .toArray();
  const merged = [
    ...reports.map((row) => ({ kind: "report" as const, row })),
    ...alone.map((row) => ({ kind: "result" as const, row })),
  ].sort((a, b) => newestFirst(a.row, b.row));
  const page = merged.slice(0, limit);
  const wanted = page.flatMap((entry) => (entry.kind === "report" ? resultIdsOf(entry.row) : []));
  const found = new Map(
    (await db.resources.bulkGet(wanted)).flatMap((row) => (row ? [[row.id, row] as const] : [])),
  );
  const entries = page.map((entry): TimelineEntry => {
    if (entry.kind === "result") return entry;
    const results = resultIdsOf(entry.row).flatMap((id) => {
      const row = found.get(id);
      return row ? [row] : [];
    });
    return { kind: "report", row: entry.row, results };
  });
  return { entries, more: merged.length > limit };
}
