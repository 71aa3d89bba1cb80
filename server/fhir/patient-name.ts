import { isRecord } from "../../shared/is-record.ts";
import type { FhirResource } from "./types.ts";

/**
 * The name to list a patient under: the official HumanName (else the first), as its `text` or
 * as given names then family name. Null when the Patient has no usable name.
 *
 * @example
 * patientNameOf({ resourceType: "Patient", name: [{ given: ["Ana"], family: "Rivera" }] }); // "Ana Rivera"
 */
export function patientNameOf(patient: FhirResource): string | null {
  const names = Array.isArray(patient.name) ? patient.name.filter(isRecord) : [];
  const name =
    names.find((n) => n.use === "official") ?? names.find((n) => n.use !== "old") ?? names[0];
  if (!name) return null;
  if (typeof name.text === "string" && name.text.trim()) return name.text.trim();
  const given = Array.isArray(name.given) ? name.given.filter((g) => typeof g === "string") : [];
  const family = typeof name.family === "string" ? [name.family] : [];
  const full = [...given, ...family].join(" ").trim();
  return full || null;
}
