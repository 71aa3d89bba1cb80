import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import {
  conceptCodes,
  conceptText,
  type FhirWhen,
  fhirWhen,
  newestWhenFirst,
  periodOf,
  text,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName } from "./reference-names.ts";

export interface ProblemView {
  id: string;
  name: string;
  /** problem-list-item, encounter-diagnosis, health-concern, or undefined */
  kind: string | undefined;
  /** The clinicalStatus code as recorded; undefined when the record holds none. */
  status: string | undefined;
  /** Which list the problem is in, from its clinicalStatus only (never from its category). */
  group: ProblemGroup;
  onset: FhirWhen | undefined;
  resolved: FhirWhen | undefined;
  recorder: string | undefined;
}

export type ProblemGroup = "current" | "past" | "noStatus";

const currentStates = new Set(["active", "recurrence", "relapse"]);
const pastStates = new Set(["inactive", "remission", "resolved"]);

/**
 * The list a Condition belongs in (hl7.org/fhir/R4/valueset-condition-clinical): active,
 * recurrence and relapse are current whatever the category (an encounter diagnosis of diabetes
 * is still diabetes); inactive, remission and resolved are past; no status (or a code outside
 * the value set) is said as such, never guessed either way.
 */
export function problemGroupOf(status: string | undefined): ProblemGroup {
  if (status && currentStates.has(status)) return "current";
  if (status && pastStates.has(status)) return "past";
  return "noStatus";
}

/** The clinicalStatus code (R4 CodeableConcept; a bare code from older exports is read too). */
function clinicalStatusOf(r: Record<string, unknown>): string | undefined {
  const coded = conceptCodes(r.clinicalStatus)[0];
  return coded ? coded.slice(coded.indexOf("|") + 1) : text(r.clinicalStatus);
}

export function problemView(row: DeviceResource, book: NameBook): ProblemView {
  const r = row.resource;
  const kinds = conceptCodes(r.category).map((key) => key.slice(key.indexOf("|") + 1));
  // The index column is the server's reading of the same clinicalStatus.
  const status = clinicalStatusOf(r) ?? row.status ?? undefined;
  return {
    id: row.id,
    name: conceptText(r.code) ?? "",
    kind: kinds.find((k) => k === "problem-list-item" || k === "encounter-diagnosis") ?? kinds[0],
    status,
    group: problemGroupOf(status),
    onset: fhirWhen(r.onsetDateTime) ?? periodOf(r.onsetPeriod).start ?? fhirWhen(r.recordedDate),
    resolved: fhirWhen(r.abatementDateTime) ?? periodOf(r.abatementPeriod).end,
    recorder: referenceName(r.recorder, book) ?? referenceName(r.asserter, book),
  };
}

/** The problems page's three lists: current problems, past ones, and those with no status. */
export type ProblemRecord = Record<ProblemGroup, ProblemView[]>;

export function groupProblems(views: ProblemView[]): ProblemRecord {
  const sorted = [...views].sort((a, b) => newestWhenFirst(a.onset, b.onset));
  return {
    current: sorted.filter((v) => v.group === "current"),
    past: sorted.filter((v) => v.group === "past"),
    noStatus: sorted.filter((v) => v.group === "noStatus"),
  };
}

/**
 * A Condition the problems page shows: every one but those entered in error or refuted. The
 * record's counts (record-counts.ts) should count with this, so the numbers agree.
 */
export function isShownProblem(row: DeviceResource): boolean {
  return !conceptCodes(row.resource.verificationStatus).some(
    (key) => key.endsWith("|entered-in-error") || key.endsWith("|refuted"),
  );
}

export async function problems(source: DeviceSource): Promise<ProblemRecord> {
  const { db, patientId } = source;
  if (!patientId) return { current: [], past: [], noStatus: [] };
  const book = await nameBook(source);
  const rows = (
    await db.resources.where("[patientId+type]").equals([patientId, "Condition"]).toArray()
  ).filter(isShownProblem);
  return groupProblems(rows.map((row) => problemView(row, book)));
}

/** How many problems the problems page lists: the one count of problems (record page, home). */
export async function problemCount({ db, patientId }: DeviceSource): Promise<number> {
  if (!patientId) return 0;
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Condition"])
    .toArray();
  return rows.filter(isShownProblem).length;
}
