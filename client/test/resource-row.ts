import type { DeviceResource } from "../local/user-database.ts";

/** The patient a row belongs to unless its columns say otherwise. */
export const patientId = "patient-1";
let counter = 0;

/**
 * A device row around `resource`, as a pull leaves it in Dexie; the index columns are given, as
 * the server stores them, and the id is made up unless given.
 *
 * @example await db.resources.put(row({ resourceType: "Observation" }, { id: "obs-1" }));
 */
export function row(
  resource: { resourceType: string; [field: string]: unknown },
  columns: Partial<DeviceResource> = {},
): DeviceResource {
  const id = columns.id ?? `${resource.resourceType.toLowerCase()}-${++counter}`;
  return {
    id,
    patientId,
    type: resource.resourceType,
    version: 1,
    resource: { ...resource, id },
    effectiveAt: null,
    status: null,
    codeSystem: null,
    code: null,
    category: null,
    ...columns,
  };
}
