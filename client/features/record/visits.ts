import type { DeviceResource } from "../../local/user-database.ts";
import type { RecordSource } from "./device-query.ts";
import {
  conceptText,
  type FhirWhen,
  isObject,
  newestWhenFirst,
  oldestWhenFirst,
  periodOf,
  referenceId,
  text,
} from "./fhir-read.ts";
import { type DecodedNote, notesOf } from "./note-text.ts";
import { type NameBook, nameBook, referenceName, referenceNames } from "./reference-names.ts";

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
  const cls = isObject(r.class) ? (text(r.class.display) ?? text(r.class.code)) : undefined;
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
export async function visits(source: RecordSource): Promise<VisitView[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "Encounter"])
    .toArray();
  return rows.map((row) => visitView(row, book)).sort((a, b) => newestWhenFirst(a.start, b.start));
}

/** A note of a visit, with who wrote it and the resource it came from. */
export interface VisitNote {
  id: string;
  source: "DocumentReference" | "DiagnosticReport";
  name: string | undefined;
  authors: string[];
  notes: DecodedNote[];
}

/** Whether a resource belongs to an encounter (DocumentReference.context.encounter, or .encounter). */
export function belongsToVisit(resource: Record<string, unknown>, visitId: string): boolean {
  const context = isObject(resource.context) ? resource.context.encounter : undefined;
  const links = [...(Array.isArray(context) ? context : [context]), resource.encounter];
  return links.some((link) => referenceId(link) === visitId);
}

export interface VisitDetail {
  visit: VisitView;
  notes: VisitNote[];
  reports: DeviceResource[];
}

/** One visit with its notes decoded and the reports made at it. */
export async function visitDetail(
  source: RecordSource,
  id: string,
): Promise<VisitDetail | undefined> {
  const { db, patientId } = source;
  const row = await db.resources.get(id);
  if (row?.type !== "Encounter" || row.patientId !== patientId || !patientId) return undefined;
  const book = await nameBook(source);
  const documents = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "DocumentReference"])
    .filter((doc) => belongsToVisit(doc.resource, id))
    .toArray();
  const reports = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "DiagnosticReport"])
    .filter((report) => belongsToVisit(report.resource, id))
    .toArray();
  const notes: VisitNote[] = [
    ...documents.map((doc) => ({
      id: doc.id,
      source: "DocumentReference" as const,
      name: conceptText(doc.resource.type),
      authors: referenceNames(doc.resource.author, book),
      notes: notesOf(doc.resource),
    })),
    ...reports
      .filter((report) => Array.isArray(report.resource.presentedForm))
      .map((report) => ({
        id: report.id,
        source: "DiagnosticReport" as const,
        name: conceptText(report.resource.code),
        authors: referenceNames(report.resource.performer, book),
        notes: notesOf(report.resource),
      })),
  ];
  return { visit: visitView(row, book), notes, reports };
}
