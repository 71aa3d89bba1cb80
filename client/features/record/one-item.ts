import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { type NameBook, nameBook } from "./reference-names.ts";

/**
 * One item of the record for a detail page, as its section's view: undefined when the id is
 * not on the device, belongs to another patient, or is of another type than the page shows.
 */
export async function oneItem<T>(
  source: DeviceSource,
  id: string,
  types: readonly string[],
  view: (row: DeviceResource, book: NameBook) => T,
): Promise<T | undefined> {
  const row = await source.db.resources.get(id);
  if (!row || row.patientId !== source.patientId || !types.includes(row.type)) return undefined;
  return view(row, await nameBook(source));
}
