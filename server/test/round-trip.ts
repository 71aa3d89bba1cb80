import { inArray } from "drizzle-orm";
import type { VisiblePatientId } from "../authorization.ts";
import type { Database } from "../db/open.ts";
import { patients, resources } from "../db/schema.ts";
import { readFhirFile } from "../fhir/bundle-reader.ts";
import { exportRecord } from "../fhir/export.ts";
import { hearthSourceKeyOf, withoutHearthMark } from "../fhir/identity.ts";
import { type PlannedEntry, planImport } from "../fhir/import-plan.ts";
import { parseReference } from "../fhir/references.ts";
import type { FhirBundle, FhirResource } from "../fhir/types.ts";

interface StoredRow {
  id: string;
  patientId: string | null;
  resourceType: string;
  sourceKey: string;
  identifierKeys: string[];
}

/**
 * Compares a source file with what Hearth exports for the patients it was imported into,
 * resource by resource: the same resources, with the same content except the ids and the
 * references, and every reference rewritten consistently (it points at the stored copy of
 * what it pointed at in the file, or is left exactly as written when it pointed outside).
 * Answers the differences found, empty when the round trip holds.
 *
 * The exports must hold nothing else either, apart from the rows in `storedBefore` (what the
 * database held before this file was imported, in a test that imports several files).
 */
export async function roundTripProblems(
  db: Database,
  sourceText: string,
  patientIds: readonly string[],
  storedBefore: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const bundles: FhirBundle[] = [];
  for (const patientId of patientIds) {
    // Tests read the export directly; routes get a VisiblePatientId from canSeePatient.
    bundles.push(await exportRecord(db, patientId as VisiblePatientId, new Date()));
  }
  return bundleProblems(db, sourceText, bundles, storedBefore);
}

/** The same comparison, for exports obtained some other way (through the API). */
export async function bundleProblems(
  db: Database,
  sourceText: string,
  bundles: readonly FhirBundle[],
  storedBefore: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const plan = planImport(readFhirFile(sourceText));
  const problems: string[] = [];
  const exported = new Map<string, FhirResource>();
  const marks = new Map<string, string | undefined>();
  for (const bundle of bundles) {
    if (bundle.resourceType !== "Bundle" || bundle.type !== "collection")
      problems.push("not a collection Bundle");
    for (const entry of bundle.entry ?? []) {
      // The export marks each resource with its source key (ADR 24); the rest is what was stored.
      const resource = withoutHearthMark(entry.resource as FhirResource);
      if (entry.fullUrl !== `urn:uuid:${resource.id}`)
        problems.push(`bad fullUrl ${entry.fullUrl}`);
      exported.set(resource.id as string, resource);
      marks.set(resource.id as string, hearthSourceKeyOf(entry.resource as FhirResource));
    }
  }
  const rows: StoredRow[] = exported.size
    ? await db
        .select({
          id: resources.id,
          patientId: resources.patientId,
          resourceType: resources.resourceType,
          sourceKey: resources.sourceKey,
          identifierKeys: resources.identifierKeys,
        })
        .from(resources)
        .where(inArray(resources.id, [...exported.keys()]))
    : [];
  const rowById = new Map(rows.map((row) => [row.id, row]));
  for (const row of rows) {
    if (marks.get(row.id) !== row.sourceKey) {
      problems.push(`${row.resourceType} ${row.sourceKey} is exported without its source key`);
    }
  }
  const patientKeys = new Map(
    (await db.select().from(patients)).map((p) => [p.id, new Set(p.sourceKeys)]),
  );

  const matched = new Set<string>();
  for (const planned of plan.entries) {
    const copies = rows.filter(
      (row) => row.resourceType === planned.type && row.sourceKey === planned.sourceKey,
    );
    const where = `${planned.type} ${planned.sourceKey} (entry ${planned.entry.position})`;
    if (copies.length === 0) {
      problems.push(`${where} is missing from the export`);
      continue;
    }
    for (const copy of copies) {
      matched.add(copy.id);
      const out = exported.get(copy.id) as FhirResource;
      const { id: _sourceId, ...source } = planned.entry.resource;
      const { id: _storedId, ...stored } = out;
      compare(
        source,
        stored,
        where,
        (sourceRef, storedRef, path) => {
          const problem = referenceProblem(planned, copy, sourceRef, storedRef);
          if (problem) problems.push(`${where} ${path}: ${problem}`);
        },
        problems,
        "",
      );
    }
  }
  for (const id of exported.keys()) {
    if (!matched.has(id) && !storedBefore.has(id)) {
      const row = rowById.get(id);
      problems.push(`the export has ${row?.resourceType} ${row?.sourceKey}, not in the file`);
    }
  }
  return problems;

  function referenceProblem(
    from: PlannedEntry,
    copy: StoredRow,
    sourceRef: string,
    storedRef: string,
  ): string | undefined {
    const target = plan.references.resolve(sourceRef, from.entry);
    const stored = parseReference(storedRef);
    const storedRow = stored.kind === "relative" ? rowById.get(stored.id) : undefined;
    if (target) {
      const planned = plan.plannedFor.get(target) as PlannedEntry;
      if (!storedRow) return `${sourceRef} became ${storedRef}, which is not in the export`;
      if (storedRow.resourceType !== planned.type || storedRow.sourceKey !== planned.sourceKey) {
        return `${sourceRef} became ${storedRef}, a different resource`;
      }
      if (storedRow.patientId !== copy.patientId && planned.person === undefined) {
        return `${sourceRef} points into another patient's record`;
      }
      return undefined;
    }
    if (storedRef === sourceRef) return undefined;
    // Pointed outside the file, and resolved to something already stored: check it is that.
    const parsed = parseReference(sourceRef);
    if (stored.kind !== "relative" || !("type" in parsed) || stored.type !== parsed.type) {
      return `${sourceRef} was rewritten to ${storedRef}`;
    }
    if (parsed.type === "Patient" && (parsed.kind === "relative" || parsed.kind === "absolute")) {
      // The patient it became must be known by the id the source used.
      const keys = patientKeys.get(storedRow?.patientId ?? stored.id) ?? new Set();
      return keys.has(parsed.id) ? undefined : `${sourceRef} became ${storedRef}, another patient`;
    }
    if ((parsed.kind === "relative" || parsed.kind === "absolute") && storedRow) {
      return storedRow.sourceKey === parsed.id ? undefined : `${sourceRef} became ${storedRef}`;
    }
    return storedRow ? undefined : `${sourceRef} became ${storedRef}, which is not in the export`;
  }
}

function compare(
  source: unknown,
  stored: unknown,
  where: string,
  onReference: (sourceRef: string, storedRef: string, path: string) => void,
  problems: string[],
  path: string,
): void {
  if (Array.isArray(source)) {
    if (!Array.isArray(stored) || stored.length !== source.length) {
      problems.push(`${where} ${path}: list differs`);
      return;
    }
    for (const [i, item] of source.entries()) {
      compare(item, stored[i], where, onReference, problems, `${path}[${i}]`);
    }
    return;
  }
  if (typeof source === "object" && source !== null) {
    if (typeof stored !== "object" || stored === null || Array.isArray(stored)) {
      problems.push(`${where} ${path}: object differs`);
      return;
    }
    const a = source as Record<string, unknown>;
    const b = stored as Record<string, unknown>;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const next = path ? `${path}.${key}` : key;
      if (!(key in a) || !(key in b)) {
        problems.push(`${where} ${next}: present on one side only`);
      } else if (key === "reference" && typeof a[key] === "string" && typeof b[key] === "string") {
        onReference(a[key] as string, b[key] as string, next);
      } else {
        compare(a[key], b[key], where, onReference, problems, next);
      }
    }
    return;
  }
  if (source !== stored) {
    problems.push(`${where} ${path}: ${JSON.stringify(source)} became ${JSON.stringify(stored)}`);
  }
}
