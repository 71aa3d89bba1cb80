import type { FhirBundle } from "../types.ts";
import type { Random } from "./random.ts";

export const day = 86_400_000;

/**
 * Collects resources into a transaction Bundle shaped as Synthea and most EHR exports write
 * them: every entry a `POST` with a `urn:uuid:` fullUrl equal to the resource id, references
 * between entries as `urn:uuid:` too.
 */
export function makeBundleBuilder(random: Random) {
  const entries: NonNullable<FhirBundle["entry"]> = [];
  return {
    /** Adds the resource (giving it an id) and answers the reference other resources use. */
    add(resource: { resourceType: string; [field: string]: unknown }): string {
      const id = random.uuid();
      const { resourceType, ...rest } = resource;
      entries.push({
        fullUrl: `urn:uuid:${id}`,
        resource: { resourceType, id, ...rest },
        request: { method: "POST", url: resourceType },
      });
      return `urn:uuid:${id}`;
    },
    bundle(): FhirBundle {
      return { resourceType: "Bundle", type: "transaction", entry: entries };
    },
  };
}

/**
 * A dateTime the way a US clinic's system writes it: local time with its offset. The clinic sits
 * at UTC-05:00 all year (no daylight saving), which keeps the output the same everywhere.
 */
export function clinicDateTime(ms: number): string {
  const local = new Date(ms - 5 * 3_600_000);
  return `${local.toISOString().slice(0, 19)}-05:00`;
}

export function dateOnly(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** Plain text as an Attachment's base64 `data` (how exports carry clinical notes). */
export function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}
