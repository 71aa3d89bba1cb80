import { isRecord } from "../../../shared/is-record.ts";
import { currentLocale } from "../../i18n/i18n.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import {
  conceptText,
  type FhirWhen,
  fhirWhen,
  first,
  type Json,
  newestWhenFirst,
  numberOf,
  periodOf,
  text,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName, referenceNames } from "./reference-names.ts";

/** Types another record page lists (record-counts.ts counts them there). */
export const shownElsewhere: ReadonlySet<string> = new Set([
  "Observation",
  "DiagnosticReport",
  "DocumentReference",
  "MedicationRequest",
  "MedicationStatement",
  "AllergyIntolerance",
  "Immunization",
  "ImmunizationRecommendation",
  "Condition",
  "Encounter",
  "Procedure",
]);

/**
 * Types that are not items of care (ADR 28): the people, places and medicines other items point
 * at (shown by name where they are pointed at), the record's own provenance, messages (the
 * inbox), appointments (their own page), and definitions rather than patient data. Care teams
 * are listed here: the inbox names only those a patient can write to, a clinic sends others.
 */
export const notClinicalItems: ReadonlySet<string> = new Set([
  "Patient",
  "Practitioner",
  "PractitionerRole",
  "Organization",
  "Location",
  "Endpoint",
  "Group",
  "RelatedPerson",
  "Medication",
  "Provenance",
  "Communication",
  "Appointment",
  "Questionnaire",
  "Binary",
  // Definitions a server publishes, sometimes sent in the same file: not anyone's record.
  "StructureDefinition",
  "SearchParameter",
  "CapabilityStatement",
  "ValueSet",
  "CodeSystem",
  "ConceptMap",
  "OperationDefinition",
]);

/** Whether a type's items belong on "Other records". */
export function isOtherType(type: string): boolean {
  return !shownElsewhere.has(type) && !notClinicalItems.has(type);
}

/** Types with their name in words in the locale files (record.other.types.*). */
export const namedOtherTypes = [
  "CarePlan",
  "CareTeam",
  "Goal",
  "ImagingStudy",
  "Coverage",
  "Claim",
  "ClaimResponse",
  "ExplanationOfBenefit",
  "QuestionnaireResponse",
  "Device",
  "DeviceRequest",
  "DeviceUseStatement",
  "ServiceRequest",
  "RiskAssessment",
  "FamilyMemberHistory",
  "MedicationAdministration",
  "MedicationDispense",
  "NutritionOrder",
  "VisionPrescription",
  "Task",
  "AdverseEvent",
  "Specimen",
  "Media",
  "CommunicationRequest",
  "ClinicalImpression",
  "DetectedIssue",
  "EpisodeOfCare",
  "Flag",
  "Consent",
] as const;

export interface OtherItem {
  id: string;
  type: string;
  name: string | undefined;
  date: FhirWhen | undefined;
  /** Until when (a period's end), where the record gives one. */
  until: FhirWhen | undefined;
  /** The FHIR status code, said in words by the page (record.other.statuses.*). */
  status: string | undefined;
  /** Who or what else the item names: performer, payer, requester, author. */
  by: string[];
  /** A sum of money (claims, explanations of benefit), as the locale writes it. */
  total: string | undefined;
  notes: string[];
}

function money(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const amount = numberOf(value.value);
  if (amount === undefined) return undefined;
  const currency = text(value.currency);
  try {
    return new Intl.NumberFormat(currentLocale(), {
      ...(currency ? { style: "currency", currency } : { maximumFractionDigits: 2 }),
    }).format(amount);
  } catch {
    return new Intl.NumberFormat(currentLocale()).format(amount);
  }
}

const when = (...values: unknown[]) => values.map((v) => fhirWhen(v)).find((v) => v !== undefined);

/** What names the item, per type; else the first coded field such items carry. */
function nameOf(r: Json, book: NameBook): string | undefined {
  switch (r.resourceType) {
    case "Claim":
    case "ClaimResponse":
    case "ExplanationOfBenefit":
      return conceptText(r.type) ?? conceptText(r.subType);
    case "Coverage":
      return referenceNames(r.payor, book)[0] ?? conceptText(r.type);
    case "Goal":
      return conceptText(r.description);
    case "CarePlan":
      return text(r.title) ?? conceptText(r.category);
    case "CareTeam":
      return text(r.name) ?? conceptText(r.category);
    case "QuestionnaireResponse":
      return (
        referenceName(r.questionnaire, book) ??
        text(r.questionnaire)?.split("/").at(-1) ??
        undefined
      );
    case "Device":
      return (
        conceptText(r.type) ??
        (Array.isArray(r.deviceName) && isRecord(r.deviceName[0])
          ? text(r.deviceName[0].name)
          : undefined)
      );
    case "MedicationAdministration":
    case "MedicationDispense":
      return conceptText(r.medicationCodeableConcept) ?? referenceName(r.medicationReference, book);
    case "ImagingStudy":
      return text(r.description) ?? conceptText(r.procedureCode) ?? conceptText(r.modality);
    case "FamilyMemberHistory": {
      const condition = first(r.condition);
      return (
        conceptText(r.relationship) ??
        (isRecord(condition) ? conceptText(condition.code) : undefined)
      );
    }
    case "AdverseEvent":
      return conceptText(r.event) ?? conceptText(r.category);
    case "NutritionOrder":
      return isRecord(r.oralDiet) ? conceptText(r.oralDiet.type) : undefined;
    case "RiskAssessment": {
      const prediction = first(r.prediction);
      return (
        conceptText(r.code) ?? (isRecord(prediction) ? conceptText(prediction.outcome) : undefined)
      );
    }
    default:
      return (
        conceptText(r.code) ??
        conceptText(r.type) ??
        conceptText(r.category) ??
        text(r.description) ??
        text(r.title)
      );
  }
}

function dateOf(row: DeviceResource): { date?: FhirWhen; until?: FhirWhen } {
  const r = row.resource;
  const period = (value: unknown) => periodOf(value);
  switch (r.resourceType) {
    case "Claim":
    case "ExplanationOfBenefit": {
      const billed = period(r.billablePeriod);
      return { date: when(r.created) ?? billed.start, until: billed.end };
    }
    case "Coverage":
    case "CarePlan":
    case "CareTeam":
    case "EpisodeOfCare":
    case "Consent": {
      const p = period(r.period);
      return { date: p.start ?? when(r.created, r.dateTime), until: p.end };
    }
    case "Goal": {
      const target = first(r.target);
      return {
        date: when(r.startDate, r.statusDate),
        until: isRecord(target) ? when(target.dueDate) : undefined,
      };
    }
    default: {
      const p = period(r.occurrencePeriod ?? r.performedPeriod ?? r.effectivePeriod);
      const date =
        row.effectiveAt ??
        when(
          r.authored,
          r.authoredOn,
          r.occurrenceDateTime,
          r.effectiveDateTime,
          r.performedDateTime,
          r.whenHandedOver,
          r.whenPrepared,
          r.dateWritten,
          r.dateTime,
          r.date,
          r.started,
          r.created,
          r.recordedDate,
          r.issued,
          r.createdDateTime,
          r.collection && isRecord(r.collection) ? r.collection.collectedDateTime : undefined,
          r.receivedTime,
          r.statusDate,
        ) ??
        p.start;
      return { date, until: p.end };
    }
  }
}

function statusOf(r: Json): string | undefined {
  // Goal names its status lifecycleStatus; every other type here calls it status.
  return text(r.status) ?? text(r.lifecycleStatus);
}

function byOf(r: Json, book: NameBook): string[] {
  const names = [
    // A performer is a reference, or (Procedure, administrations, dispenses) one in `actor`.
    ...referenceNames(r.performer, book, "actor"),
    ...referenceNames(r.performer, book),
    ...referenceNames(r.requester, book),
    ...referenceNames(r.author, book),
    ...referenceNames(r.insurer, book),
    ...referenceNames(r.provider, book),
    ...referenceNames(r.payor, book),
    ...referenceNames(r.prescriber, book),
    ...referenceNames(r.owner, book),
    ...referenceNames(r.recorder, book),
    // A care team's members.
    ...referenceNames(r.participant, book, "member"),
  ];
  return [...new Set(names)];
}

function totalOf(r: Json): string | undefined {
  if (r.resourceType === "ExplanationOfBenefit") {
    const first = Array.isArray(r.total) ? r.total.find(isRecord) : undefined;
    return (
      money(isRecord(first) ? first.amount : undefined) ??
      (isRecord(r.payment) ? money(r.payment.amount) : undefined)
    );
  }
  return money(r.total);
}

export function otherItem(row: DeviceResource, book: NameBook): OtherItem {
  const r = row.resource;
  const { date, until } = dateOf(row);
  const notes = (Array.isArray(r.note) ? r.note : [])
    .filter(isRecord)
    .flatMap((note) => (text(note.text) ? [text(note.text) as string] : []));
  return {
    id: row.id,
    type: row.type,
    name: nameOf(r, book),
    date,
    until,
    status: statusOf(r),
    by: byOf(r, book),
    total: totalOf(r),
    notes,
  };
}

export interface OtherGroup {
  type: string;
  items: OtherItem[];
}

/** The types of the record's resources on the device, from the index's keys alone. */
async function typesOnDevice({ db, patientId }: DeviceSource): Promise<string[]> {
  if (!patientId) return [];
  const keys = await db.resources
    .where("[patientId+type]")
    .between([patientId, ""], [patientId, "\uffff"])
    .uniqueKeys();
  return keys.flatMap((key) => (Array.isArray(key) && typeof key[1] === "string" ? [key[1]] : []));
}

/**
 * Every clinical item no other page lists, by type (named types in the locale's order of the
 * table, then the rest by FHIR name), newest first; items entered in error are left out.
 */
export async function otherRecords(source: DeviceSource): Promise<OtherGroup[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const types = (await typesOnDevice(source)).filter(isOtherType);
  if (types.length === 0) return [];
  const book = await nameBook(source);
  const groups: OtherGroup[] = [];
  for (const type of types) {
    const rows = await db.resources.where("[patientId+type]").equals([patientId, type]).toArray();
    const items = rows
      .map((row) => otherItem(row, book))
      .filter((item) => item.status !== "entered-in-error")
      .sort((a, b) => newestWhenFirst(a.date, b.date));
    if (items.length > 0) groups.push({ type, items });
  }
  const rank = (type: string) => {
    const i = (namedOtherTypes as readonly string[]).indexOf(type);
    return i === -1 ? namedOtherTypes.length : i;
  };
  return groups.sort((a, b) => rank(a.type) - rank(b.type) || a.type.localeCompare(b.type));
}

/** One item of "Other records", or undefined when it is not one (another page shows it). */
export async function otherRecord(
  source: DeviceSource,
  id: string,
): Promise<OtherItem | undefined> {
  const row = await source.db.resources.get(id);
  if (!row || row.patientId !== source.patientId || !isOtherType(row.type)) return undefined;
  return otherItem(row, await nameBook(source));
}
