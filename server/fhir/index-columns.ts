import { type FhirWhen, fhirWhen } from "../../shared/fhir-when.ts";
import { isRecord } from "../../shared/is-record.ts";
import type { FhirResource } from "./types.ts";

/** The columns stored beside each resource so lists and charts need not open the JSON. */
export interface IndexColumns {
  /** A calendar date as written or a UTC instant (shared/fhir-when.ts); sorts as text. */
  effectiveAt: FhirWhen | null;
  status: string | null;
  codeSystem: string | null;
  code: string | null;
  category: string | null;
}

/**
 * Where each shown type keeps its clinically relevant date, first found wins: when it was
 * measured or happened, else when it was recorded (hl7.org/fhir/R4 search parameter `date`).
 */
const datePaths: Record<string, readonly string[]> = {
  Observation: ["effectiveDateTime", "effectivePeriod.start", "effectiveInstant", "issued"],
  DiagnosticReport: ["effectiveDateTime", "effectivePeriod.start", "issued"],
  MedicationRequest: ["authoredOn"],
  MedicationStatement: ["effectiveDateTime", "effectivePeriod.start", "dateAsserted"],
  AllergyIntolerance: ["onsetDateTime", "recordedDate", "onsetPeriod.start"],
  Immunization: ["occurrenceDateTime", "recorded"],
  ImmunizationRecommendation: ["date"],
  Condition: ["onsetDateTime", "onsetPeriod.start", "recordedDate"],
  Encounter: ["period.start"],
  DocumentReference: ["date", "context.period.start"],
  Procedure: ["performedDateTime", "performedPeriod.start"],
  CarePlan: ["period.start", "created"],
  Claim: ["created", "billablePeriod.start"],
  ExplanationOfBenefit: ["created", "billablePeriod.start"],
  Goal: ["startDate", "statusDate"],
  ImagingStudy: ["started"],
  Appointment: ["start"],
  Communication: ["sent", "received"],
  Provenance: ["recorded"],
};

/** Where the code that says what the resource is about lives, for types that do not use `code`. */
const codePaths: Record<string, readonly string[]> = {
  Immunization: ["vaccineCode"],
  ImmunizationRecommendation: ["recommendation.vaccineCode"],
  MedicationRequest: ["medicationCodeableConcept"],
  MedicationStatement: ["medicationCodeableConcept"],
  MedicationAdministration: ["medicationCodeableConcept"],
  MedicationDispense: ["medicationCodeableConcept"],
  Encounter: ["type"],
  DocumentReference: ["type"],
  Claim: ["type"],
  ExplanationOfBenefit: ["type"],
  Goal: ["description"],
  ImagingStudy: ["procedureCode"],
  Organization: ["type"],
  Location: ["type"],
  Practitioner: ["qualification.code"],
  // Hearth's own: the visit type of a booked visit, the thread of a message (shared/contracts).
  Appointment: ["appointmentType"],
  Communication: ["topic"],
};

/**
 * Derives the index columns from a resource. Pure; returns nulls for what a resource lacks.
 *
 * @example
 * indexColumnsOf(observation); // { effectiveAt: "2024-03-01", code: "4548-4", category: "laboratory", … }
 */
export function indexColumnsOf(resource: FhirResource): IndexColumns {
  const type = resource.resourceType;
  const [codeSystem, code] = codeOf(resource);
  return {
    effectiveAt: firstDate(resource, datePaths[type] ?? []),
    status: statusOf(resource),
    codeSystem,
    code,
    category: categoryOf(resource),
  };
}

function statusOf(resource: FhirResource): string | null {
  if (typeof resource.status === "string") return resource.status;
  // Condition and AllergyIntolerance carry their status as a coded clinicalStatus.
  const clinical = firstCoding(resource.clinicalStatus);
  return clinical?.code ?? null;
}

function codeOf(resource: FhirResource): [string | null, string | null] {
  const paths = codePaths[resource.resourceType] ?? ["code"];
  for (const path of paths) {
    const coding = firstCoding(valuesAt(resource, path)[0]);
    if (coding?.code) return [coding.system ?? null, coding.code];
  }
  // A medication given by reference to a contained Medication: use that Medication's code.
  const medication = resource.medicationReference;
  if (isRecord(medication) && typeof medication.reference === "string") {
    const id = medication.reference.startsWith("#") ? medication.reference.slice(1) : undefined;
    const contained = Array.isArray(resource.contained) ? resource.contained : [];
    const target = contained.find((c) => isRecord(c) && c.id === id);
    const coding = isRecord(target) ? firstCoding(target.code) : undefined;
    if (coding?.code) return [coding.system ?? null, coding.code];
  }
  return [null, null];
}

function categoryOf(resource: FhirResource): string | null {
  if (resource.resourceType === "Encounter") {
    const cls = resource.class;
    return isRecord(cls) && typeof cls.code === "string" ? cls.code : null;
  }
  const category = Array.isArray(resource.category) ? resource.category[0] : resource.category;
  if (typeof category === "string") return category; // AllergyIntolerance: a list of codes
  return firstCoding(category)?.code ?? null;
}

function firstCoding(concept: unknown): { system?: string; code?: string } | undefined {
  const one = Array.isArray(concept) ? concept[0] : concept;
  if (!isRecord(one) || !Array.isArray(one.coding)) return undefined;
  const coding = one.coding.find((c) => isRecord(c) && typeof c.code === "string");
  if (!isRecord(coding)) return undefined;
  return {
    code: coding.code as string,
    ...(typeof coding.system === "string" ? { system: coding.system } : {}),
  };
}

function firstDate(resource: FhirResource, paths: readonly string[]): FhirWhen | null {
  for (const path of paths) {
    for (const value of valuesAt(resource, path)) {
      const when = fhirWhen(value);
      if (when) return when;
    }
  }
  return null;
}

/** Follows a dotted path, stepping into every item of the lists on the way. */
function valuesAt(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const step of path.split(".")) {
    const next: unknown[] = [];
    for (const item of current) {
      const inner = isRecord(item) ? item[step] : undefined;
      if (Array.isArray(inner)) next.push(...inner);
      else if (inner !== undefined) next.push(inner);
    }
    current = next;
  }
  return current;
}
