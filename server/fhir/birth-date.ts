import type { FhirResource } from "./types.ts";

/** A Patient's `birthDate` as written (a FHIR date: year, year-month or full date). */
export function birthDateOf(patient: FhirResource): string | null {
  return typeof patient.birthDate === "string" ? patient.birthDate : null;
}
