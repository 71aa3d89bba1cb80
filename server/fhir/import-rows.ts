import { and, eq, inArray, sql } from "drizzle-orm";
import { resources } from "../db/schema.ts";
import type { Transaction } from "../records/patient-version.ts";
import { contentHashOf, withoutHearthMark } from "./identity.ts";
import { rewrite } from "./import-placement.ts";
import {
  batchSize,
  type ImportState,
  type NewRow,
  type Placement,
  unique,
  type WrittenRow,
} from "./import-state.ts";
import { indexColumnsOf } from "./index-columns.ts";
import { parseReference, rewriteReferences } from "./references.ts";
import type { FhirResource } from "./types.ts";

/** Each placement as the row to store, its references rewritten to stored ids. */
export function buildRows(
  state: ImportState,
): Array<Placement & { row: NewRow; changed: boolean }> {
  const built: Array<Placement & { row: NewRow; changed: boolean }> = [];
  for (const placements of state.placements.values()) {
    for (const placement of placements) {
      const { planned, owner, id, existing } = placement;
      const rewritten = rewriteReferences(withoutHearthMark(planned.entry.resource), (ref) =>
        rewrite(state, ref, planned, owner),
      );
      const { resourceType, id: _sourceId, ...rest } = rewritten;
      const resource = { resourceType, id, ...rest };
      const contentHash = contentHashOf(resource);
      const changed =
        !existing ||
        existing.deleted ||
        existing.contentHash !== contentHash ||
        existing.sourceKey !== planned.sourceKey;
      built.push({
        ...placement,
        changed,
        row: {
          id,
          patientId: owner,
          resourceType,
          resource,
          // A row matched by identifier takes the key it came under this time, so the row is
          // known by the id its latest source gives it (the older id still finds it by
          // identifier).
          sourceKey: planned.sourceKey,
          identifierKeys: unique([...(existing?.identifierKeys ?? []), ...planned.identifierKeys]),
          contentHash,
          ...indexColumnsOf(resource),
          version: 0,
          deleted: false,
        },
      });
    }
  }
  return built;
}

/**
 * A row whose hash differs may still hold the same resource: its hash was taken of the JSON
 * in another key order (rows written before hashes were canonical, or by other writers).
 * Those are compared by content, so an export imported back changes nothing.
 */
export async function settleUnchanged(tx: Transaction, built: WrittenRow[]) {
  const suspects = built.filter(
    (b) => b.existing && !b.existing.deleted && b.existing.contentHash !== b.row.contentHash,
  );
  for (let start = 0; start < suspects.length; start += batchSize) {
    const batch = suspects.slice(start, start + batchSize);
    const stored = await tx
      .select({ id: resources.id, resource: resources.resource })
      .from(resources)
      .where(
        inArray(
          resources.id,
          batch.map((b) => b.id),
        ),
      );
    const hashOf = new Map(stored.map((r) => [r.id, contentHashOf(r.resource)]));
    for (const b of batch) {
      if (hashOf.get(b.id) === b.row.contentHash && b.existing?.sourceKey === b.row.sourceKey) {
        b.changed = false;
      }
    }
  }
}

/**
 * Stored resources of earlier files that point, as written, at a resource this file brings
 * for the first time (`Condition/example`, written before the Condition arrived): their
 * references are rewritten to it now, so the record, and its export, hold no reference that
 * could be resolved and is not (ADR 10). Only rows new to this import are looked for, so an
 * import of known resources asks nothing more of the database.
 */
export async function revisitReferences(
  state: ImportState,
  built: WrittenRow[],
): Promise<WrittenRow[]> {
  const inFile = new Set(built.map((b) => b.id));
  const revisited: WrittenRow[] = [];
  const owners = unique(built.filter((b) => !b.existing && b.owner).map((b) => b.owner));
  for (const owner of owners) {
    const arrived = new Map<string, string>();
    for (const b of built) {
      if (b.owner !== owner || b.existing) continue;
      arrived.set(`${b.row.resourceType}/${b.row.sourceKey}`, b.id);
    }
    const candidates = new Map(
      (state.rows.get(owner) ?? [])
        .filter((r) => !r.deleted && !inFile.has(r.id))
        .map((r) => [r.id, r]),
    );
    if (candidates.size === 0) continue;
    const patterns = [...arrived.keys()].map(
      (ref) => `%"reference": "${ref.replace(/[\\%_]/g, "\\$&")}%`,
    );
    for (let start = 0; start < patterns.length; start += batchSize) {
      const found = await state.tx
        .select({ id: resources.id, resource: resources.resource })
        .from(resources)
        .where(
          and(
            eq(resources.patientId, owner as string),
            eq(resources.deleted, false),
            sql`${resources.resource}::text like any (${sql.param(patterns.slice(start, start + batchSize))}::text[])`,
          ),
        );
      for (const { id, resource } of found) {
        const existing = candidates.get(id);
        if (!existing) continue;
        candidates.delete(id);
        const rewritten = rewriteReferences(resource, (ref) => {
          const parsed = parseReference(ref);
          if (parsed.kind !== "relative" && parsed.kind !== "absolute") return undefined;
          const target = arrived.get(`${parsed.type}/${parsed.id}`);
          return target ? `${parsed.type}/${target}` : undefined;
        }) as FhirResource & { id: string };
        const contentHash = contentHashOf(rewritten);
        if (contentHash === contentHashOf(resource)) continue;
        revisited.push({
          owner,
          id,
          existing,
          changed: true,
          row: {
            id,
            patientId: owner,
            resourceType: existing.resourceType,
            resource: rewritten,
            sourceKey: existing.sourceKey,
            identifierKeys: existing.identifierKeys,
            contentHash,
            ...indexColumnsOf(rewritten),
            version: 0,
            deleted: false,
          },
        });
      }
    }
  }
  return revisited;
}
