import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import {
  conceptText,
  type FhirWhen,
  fhirWhen,
  newestWhenFirst,
  periodOf,
  text,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName, referenceNames } from "./reference-names.ts";

export interface ProcedureView {
  id: string;
  name: string;
  /** preparation | in-progress | not-done | on-hold | stopped | completed | unknown */
  status: string | undefined;
  /** The server's index column (performedDateTime, else performedPeriod.start). */
  date: FhirWhen | undefined;
  ended: FhirWhen | undefined;
  performers: string[];
  reasons: string[];
  bodySites: string[];
  outcome: string | undefined;
  location: string | undefined;
  notes: string[];
}

function concepts(list: unknown): string[] {
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.flatMap((item) => {
    const words = conceptText(item);
    return words ? [words] : [];
  });
}

export function procedureView(row: DeviceResource, book: NameBook): ProcedureView {
  const r = row.resource;
  const period = periodOf(r.performedPeriod);
  const notes = (Array.isArray(r.note) ? r.note : [])
    .filter(isRecord)
    .flatMap((note) => (text(note.text) ? [text(note.text) as string] : []));
  return {
    id: row.id,
    name: conceptText(r.code) ?? "",
    status: text(r.status),
    date: row.effectiveAt ?? fhirWhen(r.performedDateTime) ?? period.start,
    ended: period.end,
    performers: referenceNames(r.performer, book, "actor"),
    // A reason is coded, or a reference to the problem it treats (named through the book).
    reasons: [...concepts(r.reasonCode), ...referenceNames(r.reasonReference, book)],
    bodySites: concepts(r.bodySite),
    outcome: conceptText(r.outcome),
    location: referenceName(r.location, book),
    notes,
  };
}

/** Procedures of the record, newest first; ones entered in error are left out. */
export async function procedures(source: DeviceSource): Promise<ProcedureView[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Procedure"])
    .toArray();
  return rows
    .map((row) => procedureView(row, book))
    .filter((view) => view.status !== "entered-in-error")
    .sort((a, b) => newestWhenFirst(a.date, b.date));
}
