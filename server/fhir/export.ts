import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { VisiblePatientId } from "../authorization.ts";
import type { Database } from "../db/open.ts";
import { resources } from "../db/schema.ts";
import { withHearthMark } from "./identity.ts";
import type { FhirBundle, FhirResource } from "./types.ts";

/**
 * The patient's whole record as a FHIR R4 `collection` Bundle: every resource that is not
 * deleted, shown in the portal or not, exactly as stored (ids and references are Hearth's, the
 * rest is what the source sent). The 21st Century Cures Act asks for this without charge or
 * delay, so it is built on request, never queued.
 *
 * Entries carry `urn:uuid:` fullUrls (every Hearth id is a uuid) and references stay relative
 * (`Observation/<id>`), which resolve by type and id inside the Bundle. Each resource carries
 * its source key in a `meta.tag`, so that importing the export again, into this Hearth or
 * another, recognises every resource and creates nothing new
 * (docs/decisions/0024-import-identity.md).
 *
 * @example
 * const bundle = await exportRecord(db, await canSeePatient(db, user, id), new Date());
 */
export async function exportRecord(
  db: Database,
  patientId: VisiblePatientId,
  now: Date,
): Promise<FhirBundle> {
  const rows = await db
    .select({ resource: resources.resource, sourceKey: resources.sourceKey })
    .from(resources)
    .where(and(eq(resources.patientId, patientId), eq(resources.deleted, false)))
    .orderBy(
      sql`${resources.resourceType} <> 'Patient'`,
      asc(resources.resourceType),
      asc(resources.effectiveAt),
      asc(resources.id),
    );
  return {
    resourceType: "Bundle",
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString() },
    type: "collection",
    timestamp: now.toISOString(),
    entry: rows.map(({ resource, sourceKey }) => ({
      fullUrl: `urn:uuid:${resource.id}`,
      resource: typeFirst(withHearthMark(resource, sourceKey)),
    })),
  };
}

/** jsonb sorts keys by length; put resourceType and id first again, as FHIR JSON usually has. */
function typeFirst(resource: FhirResource): FhirResource {
  const { resourceType, id, ...rest } = resource;
  return { resourceType, id, ...rest };
}
