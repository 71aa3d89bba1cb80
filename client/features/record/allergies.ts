import { isRecord } from "../../../shared/is-record.ts";
import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import {
  conceptCodes,
  conceptText,
  type FhirWhen,
  fhirWhen,
  newestWhenFirst,
  text,
} from "./fhir-read.ts";
import { type NameBook, nameBook, referenceName } from "./reference-names.ts";

/**
 * SNOMED CT codes that record the absence of allergies ("no known allergy", "no known drug /
 * food / environmental allergy"): a statement that there are none, not an allergy.
 */
const noneKnownCodes = new Set(["716186003", "409137002", "429625007", "428607008", "428197003"]);

/** SNOMED CT anaphylaxis (39579001); other codings are caught by their words. */
const anaphylaxisCodes = new Set(["39579001"]);

/** Reaction severities from least to worst (hl7.org/fhir/R4/valueset-reaction-event-severity). */
const severityRank = ["mild", "moderate", "severe"] as const;
export type Severity = (typeof severityRank)[number];
const severityOrder = new Map<string, number>(severityRank.map((s, i) => [s, i]));

export interface AllergyView {
  id: string;
  substance: string;
  noneKnown: boolean;
  reactions: string[];
  /** The worst severity of all its reactions, not the first one's. */
  severity: Severity | undefined;
  /**
   * Said first and plainly: the clinic judged the risk high (`criticality: high`) or a reaction
   * was anaphylaxis. A severe rash is shown as severe, not as life-threatening.
   */
  lifeThreatening: boolean;
  criticality: string | undefined;
  categories: string[];
  status: string | undefined;
  recorded: FhirWhen | undefined;
  recorder: string | undefined;
}

export function allergyView(row: DeviceResource, book: NameBook): AllergyView {
  const r = row.resource;
  const reactions = Array.isArray(r.reaction) ? r.reaction.filter(isRecord) : [];
  const codes = conceptCodes(r.code).map((key) => key.slice(key.indexOf("|") + 1));
  const manifestations = reactions.flatMap((reaction) =>
    Array.isArray(reaction.manifestation) ? reaction.manifestation : [],
  );
  const anaphylaxis = manifestations.some(
    (m) =>
      conceptCodes(m).some((key) => anaphylaxisCodes.has(key.slice(key.indexOf("|") + 1))) ||
      /anaphyla/i.test(conceptText(m) ?? ""),
  );
  const criticality = text(r.criticality);
  return {
    id: row.id,
    substance: conceptText(r.code) ?? "",
    noneKnown: codes.some((code) => noneKnownCodes.has(code)),
    reactions: [...new Set(manifestations.map(conceptText).filter((x): x is string => Boolean(x)))],
    severity: worstSeverity(reactions.map((reaction) => text(reaction.severity))),
    lifeThreatening: criticality === "high" || anaphylaxis,
    criticality,
    categories: (Array.isArray(r.category) ? r.category : []).filter(
      (c): c is string => typeof c === "string",
    ),
    status: row.status ?? undefined,
    recorded: fhirWhen(r.recordedDate) ?? fhirWhen(r.onsetDateTime),
    recorder: referenceName(r.recorder, book),
  };
}

function worstSeverity(severities: (string | undefined)[]): Severity | undefined {
  const rank = (s: string | undefined) => severityOrder.get(s ?? "") ?? -1;
  const worst = Math.max(-1, ...severities.map(rank));
  return severityRank[worst];
}

/** Life-threatening allergies first, then by worst severity, then the newest recorded. */
export function allergyOrder(a: AllergyView, b: AllergyView): number {
  const rank = (v: AllergyView) => severityOrder.get(v.severity ?? "") ?? -1;
  return (
    Number(b.lifeThreatening) - Number(a.lifeThreatening) ||
    rank(b) - rank(a) ||
    newestWhenFirst(a.recorded, b.recorded)
  );
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

export async function allergies(source: DeviceSource): Promise<AllergyRecord> {
  const { db, patientId } = source;
  if (!patientId) return { state: "nothing-recorded" };
  const book = await nameBook(source);
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "AllergyIntolerance"])
    .filter((row) => !isEnteredInError(row))
    .toArray();
  return allergyRecordOf(rows.map((row) => allergyView(row, book)).sort(allergyOrder));
}

/** An allergy the pages show (not entered in error, not refuted): what counts should count. */
export function isShownAllergy(row: DeviceResource): boolean {
  return !isEnteredInError(row);
}

function isEnteredInError(row: DeviceResource): boolean {
  return conceptCodes(row.resource.verificationStatus).some(
    (key) => key.endsWith("|entered-in-error") || key.endsWith("|refuted"),
  );
}

/**
 * How many entries the allergies page lists (its allergies, else its "no known allergies"
 * statements): the one count of allergies, for the record page and home.
 */
export async function allergyCount({ db, patientId }: DeviceSource): Promise<number> {
  if (!patientId) return 0;
  const rows = await db.resources
    .where("[patientId+type]")
    .equals([patientId, "AllergyIntolerance"])
    .toArray();
  const record = allergyRecordOf(
    rows.filter(isShownAllergy).map((row) => allergyView(row, new Map())),
  );
  return record.state === "nothing-recorded" ? 0 : record.entries.length;
}
