import { whenPassed, whenStart } from "../../../shared/fhir-when.ts";
import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { dosageWords } from "./dosage-words.ts";
import {
  conceptText,
  type FhirWhen,
  fhirWhen,
  newestWhenFirst,
  periodOf,
  referenceId,
  text,
} from "./fhir-read.ts";
import { deceasedOf } from "./patient-status.ts";
import { type NameBook, nameBook, referenceName } from "./reference-names.ts";

/** A medicine as the medicines pages show it, from a MedicationRequest or MedicationStatement. */
export interface MedicationView {
  id: string;
  kind: "MedicationRequest" | "MedicationStatement";
  name: string;
  status: string | undefined;
  /** Which list the medicine is in (see medicationGroupOf). */
  group: MedicationGroup;
  /** Taking it now: the "current" group (home counts these). */
  current: boolean;
  /** Dose instructions exactly as written. */
  dose: string[];
  /**
   * Dose instructions that came without text, from their structure in the reader's words
   * (dosage-words.ts; the record's own words in them are marked for `<Isolated>`).
   */
  doseWords: string[];
  /** The year the prescription was written, as the record wrote it (no time zone to shift). */
  authoredYear: number | undefined;
  asNeeded: boolean;
  prescriber: string | undefined;
  started: FhirWhen | undefined;
  ended: FhirWhen | undefined;
  reasons: string[];
}

const currentStates = new Set(["active", "on-hold", "intended"]);

/**
 * - current: taken now (active, on hold or intended, recent enough);
 * - check: a prescription still marked active but written more than a year ago, said with its
 *   year and "ask your clinic" (docs/decisions/0026-record-views-fidelity.md);
 * - recordedActive: marked active in the record of a patient who has died: never "taken now";
 * - past: stopped, finished, cancelled and the rest.
 */
export type MedicationGroup = "current" | "check" | "recordedActive" | "past";

/** How old an active prescription may be before the patient is asked to check it. */
export const checkAfterDays = 365;
const day = 24 * 60 * 60 * 1000;

export function medicationGroupOf(
  view: Pick<MedicationView, "kind" | "status" | "started" | "ended">,
  now: number,
  deceased: boolean,
): MedicationGroup {
  if (!currentStates.has(view.status ?? "")) return "past";
  if (deceased) return "recordedActive";
  const stillValid = view.ended !== undefined && !whenPassed(view.ended, undefined, now);
  if (
    view.kind === "MedicationRequest" &&
    view.started !== undefined &&
    now - whenStart(view.started) > checkAfterDays * day &&
    !stillValid
  ) {
    return "check";
  }
  return "current";
}

export function medicationView(
  row: DeviceResource,
  book: NameBook,
  now = Date.now(),
  deceased = false,
): MedicationView {
  const r = row.resource;
  const kind: MedicationView["kind"] =
    r.resourceType === "MedicationStatement" ? "MedicationStatement" : "MedicationRequest";
  const dosages = (kind === "MedicationRequest" ? r.dosageInstruction : r.dosage) as unknown;
  const list = Array.isArray(dosages) ? dosages.filter(isRecord) : [];
  const status = text(r.status);
  const period = periodOf(r.effectivePeriod);
  const validity = isRecord(r.dispenseRequest) ? periodOf(r.dispenseRequest.validityPeriod) : {};
  const written = list.map((d) => text(d.text) ?? text(d.patientInstruction));
  const view = {
    id: row.id,
    kind,
    name: medicationName(r, book),
    status,
    dose: written.filter((x): x is string => Boolean(x)),
    doseWords: list.flatMap((d, i) => {
      const words = written[i] ? undefined : dosageWords(d);
      return words ? [words] : [];
    }),
    authoredYear:
      kind === "MedicationRequest" ? yearOf(r.authoredOn ?? validityStart(r)) : undefined,
    asNeeded: list.some((d) => d.asNeededBoolean === true || isRecord(d.asNeededCodeableConcept)),
    prescriber:
      kind === "MedicationRequest"
        ? referenceName(r.requester, book)
        : referenceName(r.informationSource, book),
    started:
      kind === "MedicationRequest"
        ? (fhirWhen(r.authoredOn) ?? validity.start)
        : (period.start ?? fhirWhen(r.effectiveDateTime) ?? fhirWhen(r.dateAsserted)),
    ended: kind === "MedicationRequest" ? validity.end : period.end,
    reasons: [
      ...(Array.isArray(r.reasonCode) ? r.reasonCode.map(conceptText) : []),
      ...(Array.isArray(r.reasonReference)
        ? r.reasonReference.map((ref) => referenceName(ref, book))
        : []),
    ].filter((x): x is string => Boolean(x)),
  };
  const group = medicationGroupOf(view, now, deceased);
  return { ...view, group, current: group === "current" };
}

function validityStart(r: Record<string, unknown>): unknown {
  return isRecord(r.dispenseRequest) && isRecord(r.dispenseRequest.validityPeriod)
    ? r.dispenseRequest.validityPeriod.start
    : undefined;
}

/** The year as written at the start of a FHIR date ("2004-03-01" → 2004). */
function yearOf(value: unknown): number | undefined {
  const match = /^(\d{4})/.exec(text(value) ?? "");
  return match ? Number(match[1]) : undefined;
}

/** The medicine's name: its code, or the Medication it points at (contained or on the device). */
export function medicationName(r: Record<string, unknown>, book: NameBook): string {
  const named = conceptText(r.medicationCodeableConcept);
  if (named) return named;
  const reference = r.medicationReference;
  const target = isRecord(reference) ? text(reference.reference) : undefined;
  if (target?.startsWith("#")) {
    const contained = Array.isArray(r.contained) ? r.contained.filter(isRecord) : [];
    const found = contained.find((c) => c.id === target.slice(1));
    const name = found ? conceptText(found.code) : undefined;
    if (name) return name;
  }
  const id = referenceId(reference);
  return (id ? book.get(id) : undefined) ?? referenceName(reference, book) ?? "";
}

const groupOrder: readonly MedicationGroup[] = ["current", "check", "recordedActive", "past"];

/** Every medicine of the record, by group (taken now first), each group newest first. */
export async function medications(
  source: DeviceSource,
  now = Date.now(),
): Promise<MedicationView[]> {
  const { db, patientId } = source;
  if (!patientId) return [];
  const book = await nameBook(source);
  const { deceased } = await deceasedOf(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .anyOf([
      [patientId, "MedicationRequest"],
      [patientId, "MedicationStatement"],
    ])
    .toArray();
  return rows
    .map((row) => medicationView(row, book, now, deceased))
    .sort(
      (a, b) =>
        groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group) ||
        newestWhenFirst(a.started, b.started),
    );
}
