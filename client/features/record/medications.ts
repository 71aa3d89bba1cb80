import type { DeviceResource } from "../../local/user-database.ts";
import type { RecordSource } from "./device-query.ts";
import { conceptText, fhirTime, isObject, periodOf, referenceId, text } from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName } from "./reference-names.ts";

/** A medicine as the medicines pages show it, from a MedicationRequest or MedicationStatement. */
export interface MedicationView {
  id: string;
  kind: "MedicationRequest" | "MedicationStatement";
  name: string;
  status: string | undefined;
  /** Taking it now: active (or on hold: still theirs, paused by the prescriber). */
  current: boolean;
  /** Dose instructions exactly as written. */
  dose: string[];
  asNeeded: boolean;
  prescriber: string | undefined;
  started: number | undefined;
  ended: number | undefined;
  reasons: string[];
}

const currentStates = new Set(["active", "on-hold", "intended"]);

export function medicationView(row: DeviceResource, book: NameBook): MedicationView {
  const r = row.resource;
  const kind =
    r.resourceType === "MedicationStatement" ? "MedicationStatement" : "MedicationRequest";
  const dosages = (kind === "MedicationRequest" ? r.dosageInstruction : r.dosage) as unknown;
  const list = Array.isArray(dosages) ? dosages.filter(isObject) : [];
  const status = text(r.status);
  const period = periodOf(r.effectivePeriod);
  const validity = isObject(r.dispenseRequest) ? periodOf(r.dispenseRequest.validityPeriod) : {};
  return {
    id: row.id,
    kind,
    name: medicationName(r, book),
    status,
    current: currentStates.has(status ?? ""),
    dose: list.flatMap((d) => {
      const words = text(d.text) ?? text(d.patientInstruction);
      return words ? [words] : [];
    }),
    asNeeded: list.some((d) => d.asNeededBoolean === true || isObject(d.asNeededCodeableConcept)),
    prescriber:
      kind === "MedicationRequest"
        ? referenceName(r.requester, book)
        : referenceName(r.informationSource, book),
    started:
      kind === "MedicationRequest"
        ? (fhirTime(r.authoredOn) ?? validity.start)
        : (period.start ?? fhirTime(r.effectiveDateTime) ?? fhirTime(r.dateAsserted)),
    ended: kind === "MedicationRequest" ? validity.end : period.end,
    reasons: [
      ...(Array.isArray(r.reasonCode) ? r.reasonCode.map(conceptText) : []),
      ...(Array.isArray(r.reasonReference)
        ? r.reasonReference.map((ref) => referenceName(ref, book))
        : []),
    ].filter((x): x is string => Boolean(x)),
  };
}

/** The medicine's name: its code, or the Medication it points at (contained or on the device). */
export function medicationName(r: Record<string, unknown>, book: NameBook): string {
  const named = conceptText(r.medicationCodeableConcept);
  if (named) return named;
  const reference = r.medicationReference;
  const target = isObject(reference) ? text(reference.reference) : undefined;
  if (target?.startsWith("#")) {
    const contained = Array.isArray(r.contained) ? r.contained.filter(isObject) : [];
    const found = contained.find((c) => c.id === target.slice(1));
    const name = found ? conceptText(found.code) : undefined;
    if (name) return name;
  }
  const id = referenceId(reference);
  return (id ? book.get(id) : undefined) ?? referenceName(reference, book) ?? "";
}

/** Every medicine of the record, current ones first, each group newest first. */
export async function medications(source: RecordSource): Promise<MedicationView[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .anyOf([
      [patientId, "MedicationRequest"],
      [patientId, "MedicationStatement"],
    ])
    .toArray();
  return rows
    .map((row) => medicationView(row, book))
    .sort((a, b) => Number(b.current) - Number(a.current) || (b.started ?? 0) - (a.started ?? 0));
}
