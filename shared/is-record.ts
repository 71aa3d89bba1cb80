/**
 * Whether `value` is a JSON object: not null and not an array. What parsed JSON (an answer, a
 * FHIR resource, a locale file) is checked with before its fields are read.
 *
 * @example isRecord({ id: "a" }) // true; isRecord([]) and isRecord(null) are false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
