import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { conceptCodes, conceptText, type Json, referenceId, text } from "./fhir-read.ts";
import { type DecodedNote, notesOf } from "./note-text.ts";
import { type NameBook, nameBook, referenceNames } from "./reference-names.ts";
import { newestFirst } from "./result-history.ts";
import { isNoteReport } from "./result-timeline.ts";

/**
 * One document as the patient reads it: a clinic's note, reached through a DocumentReference,
 * a DiagnosticReport that lists no results, or both at once (US Core sends a note both ways).
 */
export interface DocumentView {
  /** The id its page opens by: the report's when there is one (it carries the conclusion). */
  id: string;
  /** Every resource that is this same note. */
  ids: string[];
  name: string | undefined;
  effectiveAt: string | null;
  authors: string[];
  notes: DecodedNote[];
  conclusion: string | undefined;
  /** The conclusion as codes (DiagnosticReport.conclusionCode), each in the record's words. */
  conclusionCodes: string[];
  /** The visits it was written at. */
  visitIds: string[];
}

const unusable = new Set(["entered-in-error"]);

/** The encounters a resource names (DocumentReference.context.encounter, or .encounter). */
export function encountersOf(resource: Json): string[] {
  const context = isRecord(resource.context) ? resource.context.encounter : undefined;
  const links = [...(Array.isArray(context) ? context : [context]), resource.encounter];
  return links.flatMap((link) => {
    const id = referenceId(link);
    return id ? [id] : [];
  });
}

function attachmentsOf(resource: Json): Json[] {
  const list =
    resource.resourceType === "DocumentReference"
      ? (Array.isArray(resource.content) ? resource.content : []).map((c) =>
          isRecord(c) ? c.attachment : undefined,
        )
      : Array.isArray(resource.presentedForm)
        ? resource.presentedForm
        : [];
  return list.filter(isRecord);
}

/**
 * What marks two resources as the same note: its own id, the report a DocumentReference points
 * at (context.related, or an identifier `urn:uuid:<id>` as Synthea writes it), an identifier
 * they share, the same attachment (data or url), or the same kind of note at the same visit on
 * the same day.
 */
function sameNoteKeys(row: DeviceResource): string[] {
  const r = row.resource;
  const keys = [`id:${row.id}`];
  const related = isRecord(r.context) ? r.context.related : undefined;
  for (const link of Array.isArray(related) ? related : []) {
    const id = referenceId(link) ?? text(isRecord(link) ? link.reference : undefined);
    if (id) keys.push(`id:${id.replace(/^urn:uuid:/, "")}`);
  }
  for (const identifier of Array.isArray(r.identifier) ? r.identifier.filter(isRecord) : []) {
    const value = text(identifier.value);
    if (!value) continue;
    keys.push(`identifier:${text(identifier.system) ?? ""}|${value}`);
    if (value.startsWith("urn:uuid:")) keys.push(`id:${value.slice("urn:uuid:".length)}`);
  }
  for (const attachment of attachmentsOf(r)) {
    const data = text(attachment.data);
    const url = text(attachment.url);
    if (data) keys.push(`data:${data.replace(/\s+/g, "")}`);
    if (url) keys.push(`url:${url}`);
  }
  const day = row.effectiveAt?.slice(0, 10);
  const kinds = conceptCodes(r.resourceType === "DocumentReference" ? r.type : r.code);
  if (day) {
    for (const visit of encountersOf(r)) {
      for (const kind of kinds) keys.push(`visit:${visit}|${day}|${kind}`);
    }
  }
  return keys;
}

/** Groups rows that are the same note (union-find over their keys). */
function sameNotes(rows: DeviceResource[]): DeviceResource[][] {
  const parent = rows.map((_, i) => i);
  const root = (i: number): number => {
    let at = i;
    while (parent[at] !== at) at = parent[at] as number;
    parent[i] = at;
    return at;
  };
  const owner = new Map<string, number>();
  rows.forEach((row, i) => {
    for (const key of sameNoteKeys(row)) {
      const other = owner.get(key);
      if (other === undefined) owner.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  const groups = new Map<number, DeviceResource[]>();
  rows.forEach((row, i) => {
    const group = groups.get(root(i)) ?? [];
    group.push(row);
    groups.set(root(i), group);
  });
  return [...groups.values()];
}

function unique<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function documentOf(group: DeviceResource[], book: NameBook): DocumentView {
  const report = group.find((row) => row.type === "DiagnosticReport");
  const main = report ?? (group[0] as DeviceResource);
  const r = main.resource;
  // The report's own text first: it is the one the page opens by.
  const notes = unique(
    [main, ...group.filter((row) => row !== main)].flatMap((row) => notesOf(row.resource)),
    (note) => (note.kind === "text" ? `text:${note.text}` : `unreadable:${note.contentType}`),
  );
  const reports = group.filter((row) => row.type === "DiagnosticReport").map((row) => row.resource);
  const conclusionCodes = reports.flatMap((one) =>
    (Array.isArray(one.conclusionCode) ? one.conclusionCode : []).flatMap((code) => {
      const words = conceptText(code);
      return words ? [words] : [];
    }),
  );
  return {
    id: main.id,
    ids: group.map((row) => row.id),
    name:
      conceptText(r.resourceType === "DocumentReference" ? r.type : r.code) ??
      group.map((row) => conceptText(row.resource.type)).find(Boolean) ??
      text(r.description) ??
      notes.find((note) => note.title)?.title,
    effectiveAt: group.map((row) => row.effectiveAt).find(Boolean) ?? null,
    authors: unique(
      group.flatMap((row) => [
        ...referenceNames(row.resource.author, book),
        ...referenceNames(row.resource.performer, book),
        ...referenceNames(row.resource.resultsInterpreter, book),
      ]),
      (name) => name,
    ),
    notes,
    conclusion: reports.map((one) => text(one.conclusion)).find(Boolean),
    conclusionCodes: unique(conclusionCodes, (words) => words),
    visitIds: unique(
      group.flatMap((row) => encountersOf(row.resource)),
      (id) => id,
    ),
  };
}

/**
 * Every document of the record, newest first, each note once however many resources carry it.
 * Notes marked entered-in-error are left out: the clinic withdrew them.
 */
export async function documents(source: DeviceSource): Promise<DocumentView[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const [references, reports] = await Promise.all(
    ["DocumentReference", "DiagnosticReport"].map((type) =>
      db.resources.where("[patientId+type]").equals([patientId, type]).toArray(),
    ),
  );
  const rows = [
    ...(references ?? []),
    ...(reports ?? []).filter((row) => isNoteReport(row.resource)),
  ]
    .filter((row) => !unusable.has(row.status ?? ""))
    .sort(newestFirst);
  const book = await nameBook(source);
  return sameNotes(rows)
    .map((group) => documentOf(group, book))
    .sort((a, b) => newestFirst(a, b));
}

/** One document, by the id of any resource that carries it. */
export async function documentDetail(
  source: DeviceSource,
  id: string,
): Promise<DocumentView | undefined> {
  return (await documents(source)).find((doc) => doc.ids.includes(id));
}
