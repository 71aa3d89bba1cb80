/**
 * The health record as the API and the portal see it. The record itself is FHIR R4 JSON; these
 * are the few shapes Hearth adds around it.
 */

/**
 * Resource types counted one by one where the device's or the server's holdings are listed by
 * kind (Help → Check my device, `GET /api/patients`); the rest are counted together as "other".
 * Which page shows what is client/features/record's business (record-counts.ts,
 * other-records.ts, ADR 28).
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
