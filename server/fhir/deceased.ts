import type { FhirResource } from "./types.ts";

/**
 * Whether a Patient resource says the person has died: `deceasedBoolean: true`, or any
 * `deceasedDateTime` (hl7.org/fhir/R4/patient-definitions.html#Patient.deceased_x_).
 */
export function isDeceased(patient: FhirResource): boolean {
  if (patient.deceasedBoolean === true) return true;
  return typeof patient.deceasedDateTime === "string" && patient.deceasedDateTime !== "";
}
