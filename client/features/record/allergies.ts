import type { DeviceResource } from "../../local/user-database.ts";
import type { RecordSource } from "./device-query.ts";
import {
  conceptCodes,
  conceptText,
  type FhirWhen,
  fhirWhen,
  isObject,
  newestWhenFirst,
  oldestWhenFirst,
  text,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName } from "./reference-names.ts";

/**
 * SNOMED CT codes that record the absence of allergies ("no known allergy", "no known drug /
 * food / environmental allergy"): a statement that there are none, not an allergy.
 */
const noneKnownCodes = new Set(["716186003", "409137002", "429625007", "428607008", "428197003"]);

export interface AllergyView {
  id: string;
  substance: string;
  noneKnown: boolean;
  reactions: string[];
  severity: string | undefined;
  criticality: string | undefined;
  categories: string[];
  status: string | undefined;
  recorded: FhirWhen | undefined;
  recorder: string | undefined;
}

export function allergyView(row: DeviceResource, book: NameBook): AllergyView {
  const r = row.resource;
  const reactions = Array.isArray(r.reaction) ? r.reaction.filter(isObject) : [];
  const codes = conceptCodes(r.code).map((key) => key.slice(key.indexOf("|") + 1));
  return {
    id: row.id,
    substance: conceptText(r.code) ?? "",
    noneKnown: codes.some((code) => noneKnownCodes.has(code)),
    reactions: reactions.flatMap((reaction) =>
      (Array.isArray(reaction.manifestation) ? reaction.manifestation : [])
        .map(conceptText)
        .filter((x): x is string => Boolean(x)),
    ),
    severity: reactions.map((reaction) => text(reaction.severity)).find(Boolean),
    criticality: text(r.criticality),
    categories: (Array.isArray(r.category) ? r.category : []).filter(
      (c): c is string => typeof c === "string",
    ),
    status: row.status ?? undefined,
    recorded: fhirWhen(r.recordedDate) ?? fhirWhen(r.onsetDateTime),
    recorder: referenceName(r.recorder, book),
  };
}

/**
 * What the allergies page says: "nothing recorded" (no resource at all) is not "no known
 * allergies" (a clinician recorded that there are none), and neither is a list of allergies.
 */
export type AllergyRecord =
  | { state: "nothing-recorded" }
  | { state: "none-known"; entries: AllergyView[] }
  | { state: "allergies"; entries: AllergyView[] };

export function allergyRecordOf(entries: AllergyView[]): AllergyRecord {
  // A refuted or entered-in-error allergy is not one; statuses other than these are shown.
  const real = entries.filter((entry) => !entry.noneKnown);
  if (real.length > 0) return { state: "allergies", entries: real };
  if (entries.length > 0) return { state: "none-known", entries };
  return { state: "nothing-recorded" };
}

export async function allergies(source: RecordSource): Promise<AllergyRecord> {
  const { db, patientId } = source;
  if (!patientId) return { state: "nothing-recorded" };
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "AllergyIntolerance"])
    .filter((row) => !isEnteredInError(row))
    .toArray();
  return allergyRecordOf(
    rows
      .map((row) => allergyView(row, book))
      .sort((a, b) => newestWhenFirst(a.recorded, b.recorded)),
  );
}

function isEnteredInError(row: DeviceResource): boolean {
  return conceptCodes(row.resource.verificationStatus).some(
    (key) => key.endsWith("|entered-in-error") || key.endsWith("|refuted"),
  );
}
