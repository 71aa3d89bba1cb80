/**
 * The little of FHIR's shape that Hearth's code relies on. Everything else in a resource is
 * carried through untouched, which is why these types stay open.
 */
export interface FhirResource {
  resourceType: string;
  id?: string;
  [field: string]: unknown;
}

/** A FHIR Reference (hl7.org/fhir/R4/references.html#Reference). */
export interface FhirReference {
  reference?: string;
  display?: string;
  [field: string]: unknown;
}

export interface FhirBundle extends FhirResource {
  resourceType: "Bundle";
  type: string;
  entry?: Array<{ fullUrl?: string; resource?: FhirResource; [field: string]: unknown }>;
}
