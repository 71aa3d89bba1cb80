import Dexie from "dexie";
import { whenStart } from "../../../shared/fhir-when.ts";
import type { DeviceResource, UserDatabase } from "../../local/user-database.ts";
import { isResultRow } from "./result-timeline.ts";

/**
 * How long an unopened result counts as new, back from the record's latest result. Without a
 * window, the first sync of a record with years of history would call every old result new;
 * 90 days covers the time between two routine visits (docs/decisions/0015-record-pages.md).
 */
export const newForDays = 90;
const day = 86_400_000;

/**
 * A result is new while it has not been opened on this device and is among the latest: dated
 * within 90 days of `latest`, the record's newest result (or now, if that is earlier). Counting
 * back from the newest result, not from today, keeps a patient's last results new until they
 * are opened, however long ago the last visit was.
 *
 * @example isNewResult(row, viewedIds, await latestResultAt(source, Date.now()))
 */
export function isNewResult(
  row: Pick<DeviceResource, "id" | "effectiveAt">,
  viewed: ReadonlySet<string>,
  latest: number,
): boolean {
  if (viewed.has(row.id) || !row.effectiveAt) return false;
  const at = whenStart(row.effectiveAt);
  return at <= latest + day && latest - at <= newForDays * day;
}

/** When the record's newest result was taken, capped at `now` (a future date is a typo). */
export async function latestResultAt(
  db: UserDatabase,
  patientId: string,
  now: number,
): Promise<number> {
  const newest = await db.resources
    .where("[patientId+type+effectiveAt]")
    .between(
      [patientId, "Observation", Dexie.minKey],
      [patientId, "Observation", new Date(now + day).toISOString()],
    )
    .reverse()
    .filter(isResultRow)
    .first();
  return newest?.effectiveAt ? Math.min(now, whenStart(newest.effectiveAt)) : now;
}

/** The ids of results opened on this device. */
export async function viewedIds(db: UserDatabase): Promise<Set<string>> {
  return new Set(await db.viewedResults.toCollection().primaryKeys());
}

/** Marks results as seen: opening a test's history shows every result in it. */
export async function markViewed(
  db: UserDatabase,
  ids: readonly string[],
  now: Date,
): Promise<void> {
  const viewedAt = now.toISOString();
  await db.viewedResults.bulkPut(ids.map((id) => ({ id, viewedAt })));
}

/** The lowest index key a new result can have: its day, which sorts before that day's times. */
export function newSince(latest: number): string {
  return new Date(latest - newForDays * day).toISOString().slice(0, 10);
}
