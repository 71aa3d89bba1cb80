import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { type DocumentView, documents, encountersOf } from "./documents.ts";
import { conceptText, type FhirWhen, newestWhenFirst, periodOf, text } from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName, referenceNames } from "./reference-names.ts";
import { isNoteReport } from "./result-timeline.ts";

export interface VisitView {
  id: string;
  type: string;
  start: FhirWhen | undefined;
  end: FhirWhen | undefined;
  locations: string[];
  practitioners: string[];
  reasons: string[];
  status: string | undefined;
}

export function visitView(row: DeviceResource, book: NameBook): VisitView {
  const r = row.resource;
  const period = periodOf(r.period);
  const cls = isRecord(r.class) ? (text(r.class.display) ?? text(r.class.code)) : undefined;
  return {
    id: row.id,
    type: conceptText(r.type) ?? conceptText(r.serviceType) ?? cls ?? "",
    start: period.start,
    end: period.end,
    locations: referenceNames(r.location, book, "location"),
    practitioners: referenceNames(r.participant, book, "individual"),
    reasons: [
      ...(Array.isArray(r.reasonCode) ? r.reasonCode.map(conceptText) : []),
      ...(Array.isArray(r.reasonReference)
        ? r.reasonReference.map((ref) => referenceName(ref, book))
        : []),
    ].filter((x): x is string => Boolean(x)),
    status: text(r.status),
  };
}

/** Every visit, newest first. */
export async function visits(source: DeviceSource): Promise<VisitView[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Encounter"])
    .toArray();
  return rows.map((row) => visitView(row, book)).sort((a, b) => newestWhenFirst(a.start, b.start));
}

export interface VisitDetail {
  visit: VisitView;
  /** The notes written at it, each once (documents.ts). */
  notes: DocumentView[];
  /** The reports of results made at it; reports that are notes are among `notes`. */
  reports: DeviceResource[];
}

/** One visit with its notes decoded and the reports made at it. */
export async function visitDetail(
  source: DeviceSource,
  id: string,
): Promise<VisitDetail | undefined> {
  const { db, patientId } = source;
  const row = await db.resources.get(id);
  if (row?.type !== "Encounter" || row.patientId !== patientId || !patientId) return undefined;
  const book = await nameBook(source);
  const notes = (await documents(source)).filter((doc) => doc.visitIds.includes(id));
  const reports = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "DiagnosticReport"])
    .filter(
      (report) => !isNoteReport(report.resource) && encountersOf(report.resource).includes(id),
    )
    .toArray();
  return { visit: visitView(row, book), notes, reports };
}
