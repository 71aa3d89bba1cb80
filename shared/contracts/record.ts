/**
 * The health record as the API and the portal see it. The record itself is FHIR R4 JSON; these
 * are the few shapes Hearth adds around it.
 */

/**
 * Resource types the portal shows to patients. Everything else a provider sends (Claim,
 * ExplanationOfBenefit, Provenance, ...) is kept and exported, but not shown.
 */
export const portalResourceTypes = [
  "Patient",
  "Observation",
  "DiagnosticReport",
  "MedicationRequest",
  "MedicationStatement",
  "AllergyIntolerance",
  "Immunization",
  "ImmunizationRecommendation",
  "Condition",
  "Encounter",
  "DocumentReference",
  "Procedure",
  "CarePlan",
  "Practitioner",
  "Organization",
  "Location",
] as const;
export type PortalResourceType = (typeof portalResourceTypes)[number];

export function isPortalResourceType(type: string): type is PortalResourceType {
  return (portalResourceTypes as readonly string[]).includes(type);
}

/** One patient the signed-in user may see, as `GET /api/patients` lists them. */
export interface VisiblePatient {
  id: string;
  /** Null for a record known so far only from references (no Patient resource yet). */
  name: string | null;
  /** As FHIR writes it; may be partial ("1974"). */
  birthDate: string | null;
  /** True for the user's own record; false for someone they look after (proxies, later). */
  self: boolean;
}

/** `GET /api/patients/:patientId`: who, and how much of each shown type the record holds. */
export interface PatientSummary extends VisiblePatient {
  /** The patient's data version: it rises with every change to the record. */
  version: number;
  counts: Partial<Record<PortalResourceType, number>>;
}
