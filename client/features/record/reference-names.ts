import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import {
  conceptText,
  humanName,
  type Json,
  referenceDisplay,
  referenceId,
  text,
} from "./fhir-read.ts";

/** Who and where, by id: the few resources other resources point at, read once per page. */
export type NameBook = ReadonlyMap<string, string>;

const namedTypes = ["Practitioner", "Organization", "Location", "Medication", "Condition"];

/** The names of the practitioners, places, medicines and problems in the record. */
export async function nameBook({ db, patientId }: DeviceSource): Promise<NameBook> {
  const book = new Map<string, string>();
  if (!patientId) return book;
  for (const type of namedTypes) {
    const rows = await db.resources.where("[patientId+type]").equals([patientId, type]).toArray();
    for (const row of rows) {
      const name = nameOfResource(row.resource);
      if (name) book.set(row.id, name);
    }
  }
  return book;
}

function nameOfResource(resource: Json): string | undefined {
  switch (resource.resourceType) {
    case "Practitioner":
      return humanName(resource.name);
    case "Organization":
    case "Location":
      return text(resource.name);
    default:
      return conceptText(resource.code);
  }
}

/**
 * What a reference names: the target's own name when it is on the device, else the display
 * text the reference carries (ADR 10: unresolved references keep what the source wrote).
 */
export function referenceName(reference: unknown, book: NameBook): string | undefined {
  const id = referenceId(reference);
  return (id ? book.get(id) : undefined) ?? referenceDisplay(reference);
}

/** The names of a list of references (or of `{ actor }` / `{ individual }` wrappers). */
export function referenceNames(list: unknown, book: NameBook, inner?: string): string[] {
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.flatMap((item) => {
    const reference = inner && isRecord(item) ? item[inner] : item;
    const name = referenceName(reference, book);
    return name ? [name] : [];
  });
}
