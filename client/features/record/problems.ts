import type { DeviceResource } from "../../local/user-database.ts";
import type { RecordSource } from "./device-query.ts";
import {
  conceptCodes,
  conceptText,
  type FhirWhen,
  fhirWhen,
  newestWhenFirst,
  oldestWhenFirst,
  periodOf,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName } from "./reference-names.ts";

export interface ProblemView {
  id: string;
  name: string;
  /** problem-list-item, encounter-diagnosis, health-concern, or undefined */
  kind: string | undefined;
  status: string | undefined;
  active: boolean;
  onset: FhirWhen | undefined;
  resolved: FhirWhen | undefined;
  recorder: string | undefined;
}

const activeStates = new Set(["active", "recurrence", "relapse"]);

export function problemView(row: DeviceResource, book: NameBook): ProblemView {
  const r = row.resource;
  const kinds = conceptCodes(r.category).map((key) => key.slice(key.indexOf("|") + 1));
  const status = row.status ?? undefined;
  return {
    id: row.id,
    name: conceptText(r.code) ?? "",
    kind: kinds.find((k) => k === "problem-list-item" || k === "encounter-diagnosis") ?? kinds[0],
    status,
    // No clinical status at all: a problem is taken as current until a clinician says otherwise.
    active: status === undefined || activeStates.has(status),
    onset: fhirWhen(r.onsetDateTime) ?? periodOf(r.onsetPeriod).start ?? fhirWhen(r.recordedDate),
    resolved: fhirWhen(r.abatementDateTime) ?? periodOf(r.abatementPeriod).end,
    recorder: referenceName(r.recorder, book) ?? referenceName(r.asserter, book),
  };
}

/**
 * The problems page's three lists (US Core: problem-list items and encounter diagnoses are
 * different things): current problems, past problems, and diagnoses made at visits.
 */
export interface ProblemRecord {
  current: ProblemView[];
  past: ProblemView[];
  diagnoses: ProblemView[];
}

export function groupProblems(views: ProblemView[]): ProblemRecord {
  const sorted = [...views].sort((a, b) => newestWhenFirst(a.onset, b.onset));
  const diagnoses = sorted.filter((v) => v.kind === "encounter-diagnosis");
  const listed = sorted.filter((v) => v.kind !== "encounter-diagnosis");
  return {
    current: listed.filter((v) => v.active),
    past: listed.filter((v) => !v.active),
    diagnoses,
  };
}

export async function problems(source: RecordSource): Promise<ProblemRecord> {
  const { db, patientId } = source;
  if (!patientId) return { current: [], past: [], diagnoses: [] };
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Condition"])
    .filter(
      (row) =>
        !conceptCodes(row.resource.verificationStatus).some(
          (key) => key.endsWith("|entered-in-error") || key.endsWith("|refuted"),
        ),
    )
    .toArray();
  return groupProblems(rows.map((row) => problemView(row, book)));
}
