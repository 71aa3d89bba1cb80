import {
  isPortalResourceType,
  type PortalResourceType,
  portalResourceTypes,
} from "../../shared/contracts/record.ts";
import type { UserDatabase } from "./user-database.ts";

export type HeldKind = PortalResourceType | "other";

/**
 * How many resources of each kind the device stores, in the order of portalResourceTypes, the
 * rest as "other". Keys only: counting a ten-year record must not read every resource.
 */
export async function deviceHoldings(db: UserDatabase): Promise<{ kind: HeldKind; n: number }[]> {
  const counts = new Map<HeldKind, number>();
  await db.resources.orderBy("[patientId+type]").eachKey((key) => {
    const type = String((key as [string, string])[1]);
    const kind: HeldKind = isPortalResourceType(type) ? type : "other";
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  });
  const order: HeldKind[] = [...portalResourceTypes, "other"];
  return order.flatMap((kind) => {
    const n = counts.get(kind);
    return n ? [{ kind, n }] : [];
  });
}
