/**
 * A uuid as text: 8-4-4-4-12 hex digits (RFC 9562), any version. Every id Hearth makes is one,
 * and the database's uuid columns refuse anything else, so an id is checked before it is looked
 * up: a malformed one is "not found", never a database error.
 */
export const uuidText = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const uuidPattern = new RegExp(`^${uuidText}$`, "i");

/**
 * Whether `value` is a uuid, in either case.
 *
 * @example isUuid("0b6f2c1e-8a3d-4f5e-9b7a-1c2d3e4f5a6b") // true
 */
export function isUuid(value: unknown): boolean {
  return typeof value === "string" && uuidPattern.test(value);
}
