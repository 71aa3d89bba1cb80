import Dexie from "dexie";
import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { inDateWindow, windowKeyRange } from "./date-window.ts";
import { conceptCodes, referenceId } from "./fhir-read.ts";
import { nameOf } from "./result-flags.ts";
import { newestFirst } from "./result-history.ts";

/**
 * Vital signs by LOINC code (the FHIR vital signs profile, hl7.org/fhir/R4/observation-vitalsigns.html,
 * and the measurements clinics chart beside them), so a reading that came with no category, or
 * a misspelt one, still lands on the vital signs page.
 */
export const vitalSignCodes: ReadonlySet<string> = new Set([
  "85353-1", // vital signs panel
  "8867-4", // heart rate
  "85354-9", // blood pressure panel
  "55284-4", // blood pressure systolic and diastolic
  "8480-6", // systolic
  "8462-4", // diastolic
  "8478-0", // mean blood pressure
  "8310-5", // body temperature
  "8331-1", // oral temperature
  "9279-1", // respiratory rate
  "2708-6", // oxygen saturation
  "59408-5", // oxygen saturation by pulse oximetry
  "29463-7", // body weight
  "3141-9", // body weight measured
  "8302-2", // body height
  "8306-3", // body height lying
  "39156-5", // body mass index
  "59576-9", // BMI percentile
  "9843-4", // head circumference
  "8287-5", // head circumference by tape
  "77606-2", // weight-for-length percentile
  "8289-1", // head circumference percentile
]);

/**
 * US Core's Observation categories other than vital signs: an Observation with one of these
 * is placed by it. With none (or a category no profile names), its LOINC code decides.
 */
export const namedCategories: ReadonlySet<string> = new Set([
  "laboratory",
  "social-history",
  "survey",
  "exam",
  "imaging",
  "procedure",
  "therapy",
  "activity",
  "clinical-test",
  "sdoh",
  "functional-status",
  "disability-status",
  "cognitive-status",
]);

/** Categories shown under "Lifestyle and questionnaires" rather than as test results. */
export const historyCategories: readonly string[] = ["social-history", "survey", "activity"];
const history = new Set(historyCategories);

/** Where an Observation is shown: test results, vital signs, or lifestyle and questionnaires. */
export type ObservationPlace = "results" | "vitals" | "history";

type Placed = Pick<DeviceResource, "category" | "code" | "codeSystem" | "resource">;

function hasVitalCode(row: Placed): boolean {
  if (row.codeSystem === loinc && row.code && vitalSignCodes.has(row.code)) return true;
  return conceptCodes(row.resource.code).some(
    (code) => code.startsWith(`${loinc}|`) && vitalSignCodes.has(code.slice(loinc.length + 1)),
  );
}
const loinc = "http://loinc.org";

/**
 * The one rule for where an Observation belongs, used by every list, count and search, so home,
 * My record and the pages agree. Every Observation has a place: none is left unreachable.
 */
export function observationPlace(row: Placed): ObservationPlace {
  const category = row.category ?? "";
  if (category === "vital-signs") return "vitals";
  if (history.has(category)) return "history";
  if (namedCategories.has(category)) return "results";
  return hasVitalCode(row) ? "vitals" : "results";
}

export function isResultRow(row: Placed): boolean {
  return observationPlace(row) === "results";
}

/**
 * A DiagnosticReport that lists no results is a note (a history and physical, a radiology
 * report): it is shown among documents, with its text and conclusion, never as an empty table.
 */
export function isNoteReport(resource: Record<string, unknown>): boolean {
  return (
    resource.resourceType === "DiagnosticReport" &&
    !(Array.isArray(resource.result) && resource.result.length > 0)
  );
}

/**
 * Observations whose category the index could not hold (none): IndexedDB leaves a row out of a
 * compound index when a part of its key is null, so these are the rows of `[patientId+type]`
 * missing from `[patientId+type+category]`. Keys only, then the few rows themselves.
 */
export async function uncategorizedObservations({
  db,
  patientId,
}: DeviceSource): Promise<DeviceResource[]> {
  if (!patientId) return [];
  const all = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Observation"])
    .primaryKeys();
  const categorized = new Set(
    await db.resources
      .where("[patientId+type+category]")
      .between([patientId, "Observation", Dexie.minKey], [patientId, "Observation", Dexie.maxKey])
      .primaryKeys(),
  );
  return present(await db.resources.bulkGet(all.filter((id) => !categorized.has(id))));
}

/** How many Observations carry each category, from the index's keys alone. */
export async function observationCategories({
  db,
  patientId,
}: DeviceSource): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (!patientId) return counts;
  const keys = await db.resources
    .where("[patientId+type+category]")
    .between([patientId, "Observation", Dexie.minKey], [patientId, "Observation", Dexie.maxKey])
    .keys();
  for (const key of keys) {
    const category = String((key as unknown as [string, string, string])[2]);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return counts;
}

/**
 * The Observations that may belong to `place` (a superset, to be sorted out by
 * `observationPlace`): the categories that place can hold, read by index, and the uncategorized.
 */
export async function observationsFor(
  source: DeviceSource,
  place: ObservationPlace,
): Promise<DeviceResource[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const categories = [...(await observationCategories(source)).keys()].filter((category) => {
    if (category === "vital-signs") return place === "vitals";
    if (history.has(category)) return place === "history";
    // A category no profile names: its rows may be vital signs (by code) or results.
    return !namedCategories.has(category) || place === "results";
  });
  const rows = await Promise.all(
    categories.map((category) =>
      db.resources
        .where("[patientId+type+category]")
        .equals([patientId, "Observation", category])
        .toArray(),
    ),
  );
  return [...rows.flat(), ...(await uncategorizedObservations(source))].filter(
    (row) => observationPlace(row) === place,
  );
}

/** Every vital sign: by category and, with none or an unknown one, by LOINC code. */
export function vitalSignRows(source: DeviceSource): Promise<DeviceResource[]> {
  return observationsFor(source, "vitals");
}

function present(rows: (DeviceResource | undefined)[]): DeviceResource[] {
  return rows.filter((row): row is DeviceResource => row !== undefined);
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
    const id = isRecord(reference) ? referenceId(reference) : undefined;
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
 * first screen of a record with thousands of results costs the same as a small one's. A report
 * listing no results is a note (documents.ts), not an entry here. `place` "history" gives the
 * lifestyle and questionnaire answers the same way (they come in no report).
 */
export async function resultsTimeline(
  source: DeviceSource,
  limit: number,
  window: DateWindow = {},
  place: Exclude<ObservationPlace, "vitals"> = "results",
): Promise<{ entries: TimelineEntry[]; more: boolean }> {
  const { db, patientId } = source;
  if (!patientId) return { entries: [], more: false };
  const inReports = await reportedIds(source);
  const [reportLow, reportHigh] = dateBounds(patientId, "DiagnosticReport", window);
  const reports =
    place === "results"
      ? await db.resources
          .where("[patientId+type+effectiveAt]")
          .between(reportLow, reportHigh, true, true)
          .reverse()
          .filter((row) => !isNoteReport(row.resource) && inDateWindow(row.effectiveAt, window))
          .limit(limit + 1)
          .toArray()
      : [];
  const [low, high] = dateBounds(patientId, "Observation", window);
  const alone = await db.resources
    .where("[patientId+type+effectiveAt]")
    .between(low, high, true, true)
    .reverse()
    .filter(
      (row) =>
        observationPlace(row) === place &&
        !inReports.has(row.id) &&
        inDateWindow(row.effectiveAt, window),
    )
    .limit(limit + 1)
    .toArray();
  const merged = [
    ...reports.map((row) => ({ kind: "report" as const, row })),
    ...alone.map((row) => ({ kind: "result" as const, row })),
  ].sort((a, b) => newestFirst(a.row, b.row));
  const page = merged.slice(0, limit);
  return { entries: await withResults(source, page), more: merged.length > limit };
}

/** The ids every report lists (a few hundred at most), to know which results stand alone. */
async function reportedIds({ db, patientId }: DeviceSource): Promise<Set<string>> {
  const allReports = await db.resources
    .where("[patientId+type]")
    .equals([patientId ?? "", "DiagnosticReport"])
    .toArray();
  return new Set(allReports.flatMap(resultIdsOf));
}

/** Reads the results each report of `page` lists, in the report's order. */
async function withResults(
  { db }: DeviceSource,
  page: ({ kind: "report"; row: DeviceResource } | { kind: "result"; row: DeviceResource })[],
): Promise<TimelineEntry[]> {
  const wanted = page.flatMap((entry) => (entry.kind === "report" ? resultIdsOf(entry.row) : []));
  const found = new Map(
    present(await db.resources.bulkGet(wanted)).map((row) => [row.id, row] as const),
  );
  return page.map((entry): TimelineEntry => {
    if (entry.kind === "result") return entry;
    const results = resultIdsOf(entry.row).flatMap((id) => {
      const row = found.get(id);
      return row ? [row] : [];
    });
    return { kind: "report", row: entry.row, results };
  });
}

/** The rows of `type` that have no date, so are missing from the dated index. */
async function undatedRows(
  { db, patientId }: DeviceSource,
  type: string,
): Promise<DeviceResource[]> {
  if (!patientId) return [];
  const all = await db.resources.where("[patientId+type]").equals([patientId, type]).primaryKeys();
  const dated = new Set(
    await db.resources
      .where("[patientId+type+effectiveAt]")
      .between([patientId, type, Dexie.minKey], [patientId, type, Dexie.maxKey])
      .primaryKeys(),
  );
  return present(await db.resources.bulkGet(all.filter((id) => !dated.has(id))));
}

/**
 * The entries with no date (the record never said when): listed after every dated one, under
 * their own heading, so they are not only found by search.
 */
export async function undatedEntries(
  source: DeviceSource,
  place: Exclude<ObservationPlace, "vitals"> = "results",
): Promise<TimelineEntry[]> {
  if (!source.patientId) return [];
  const inReports = await reportedIds(source);
  const reports =
    place === "results"
      ? (await undatedRows(source, "DiagnosticReport")).filter((row) => !isNoteReport(row.resource))
      : [];
  const alone = (await undatedRows(source, "Observation")).filter(
    (row) => observationPlace(row) === place && !inReports.has(row.id),
  );
  const byName = (a: DeviceResource, b: DeviceResource) =>
    nameOf(a.resource).localeCompare(nameOf(b.resource), "en");
  return withResults(source, [
    ...reports.sort(byName).map((row) => ({ kind: "report" as const, row })),
    ...alone.sort(byName).map((row) => ({ kind: "result" as const, row })),
  ]);
}
