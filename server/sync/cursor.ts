import { uuidText } from "../../shared/contracts/uuid.ts";

/**
 * A position in one patient's stream of changes: the last row a device has, as
 * (version, resource id). Rows are sent in that order; one import can stamp thousands of rows
 * with the same version, so the id breaks ties and a page may end inside a version.
 *
 * A device that starts from nothing (first sync, or a reset) is on a "pass" that began when
 * the patient stood at `passFrom`: it holds only rows that were live when sent, so tombstones
 * at or below `passFrom` cannot concern it, and a purge floor at or below `passFrom` does not
 * force it to start again.
 *
 * On the wire: `"<version>"`, `"<version>:<id>"`, either followed by `"~<passFrom>"`; opaque
 * to the client. A row written later always gets a higher version
 * (docs/decisions/0009-patient-version-counter.md), so "after this position" never misses it.
 */
export interface StreamPosition {
  version: number;
  /** The last resource id sent at `version`; absent means "all of `version`". */
  afterId?: string;
  /** The patient's version when this device's pass from nothing began; absent once caught up. */
  passFrom?: number;
}

export function encodeCursor(position: StreamPosition): string {
  const at = position.afterId
    ? `${position.version}:${position.afterId}`
    : String(position.version);
  return position.passFrom === undefined ? at : `${at}~${position.passFrom}`;
}

const number = "(0|[1-9]\\d{0,15})";
// Lower case only: the server writes the ids it puts in a cursor that way.
const cursorPattern = new RegExp(`^${number}(?::(${uuidText}))?(?:~${number})?$`);

/** The position a cursor names; undefined for anything the server did not write. */
export function decodeCursor(cursor: string): StreamPosition | undefined {
  const match = cursorPattern.exec(cursor);
  if (!match) return undefined;
  const [version, afterId, passFrom] = [Number(match[1]), match[2], match[3]];
  if (!Number.isSafeInteger(version)) return undefined;
  const position: StreamPosition = { version };
  if (afterId) position.afterId = afterId;
  if (passFrom !== undefined) {
    if (!Number.isSafeInteger(Number(passFrom))) return undefined;
    position.passFrom = Number(passFrom);
  }
  return position;
}

/** Whether the position is the very beginning of the stream (nothing held). */
export function isStreamStart(position: StreamPosition): boolean {
  return position.version === 0 && !position.afterId;
}
