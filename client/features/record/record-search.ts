import type { DeviceSource } from "../../local/device-query.ts";
import type { DeviceResource } from "../../local/user-database.ts";
import { loincCodesOf, searchWordsOfCodes } from "./common-tests.ts";
import { inDateWindow } from "./date-window.ts";
import { documents } from "./documents.ts";
import { conceptText } from "./fhir-read.ts";
import { medicationName } from "./medications.ts";
import { type NameBook, nameBook } from "./reference-names.ts";
import { nameOf } from "./result-flags.ts";
import type { DateWindow } from "./result-timeline.ts";
import { type ObservationPlace, observationPlace } from "./result-timeline.ts";

/** Where a found Observation opens: the page that lists it (observationPlace). */
const kindOfPlace: Record<ObservationPlace, FoundKind> = {
  results: "result",
  vitals: "vital",
  history: "lifestyle",
};

export type FoundKind =
  | "result"
  | "vital"
  | "medication"
  | "allergy"
  | "immunization"
  | "problem"
  | "visit"
  | "lifestyle"
  | "document";

/** One thing found: a test (all its results, shown by the newest), a medicine, a problem, … */
export interface Found {
  kind: FoundKind;
  /** The item to open: for a test, its newest result in the window. */
  id: string;
  /** The name the record gives (the clinic's own words). */
  name: string;
  /** A test's LOINC codes, for its plain name in the reader's language (common-tests.ts). */
  codes: string[];
  latest: string | null;
  /** How many results of that test matched (1 for everything else). */
  count: number;
}

/**
 * Lower case, without accents or vowel marks, so "Hémoglobine" is found by "hemoglobine",
 * "đường" by "duong" and "الكلى" typed with or without hamza and harakat. Letters people type
 * for one another are made one: Vietnamese đ and d; Arabic alef maqsura and ya, ta marbuta and
 * ha; the tatweel is dropped.
 */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}|\u0640/gu, "")
    .toLocaleLowerCase("en")
    .replace(/đ/g, "d")
    .replace(/\u0649/g, "\u064a")
    .replace(/\u0629/g, "\u0647");
}

/** Scripts written without spaces between words: a query word may start anywhere. */
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Every word of the query starts a word of the name (or of the words searched with it): "mo"
 * (mỡ, fat) must not find "hemoglobin" once accents are folded. In Chinese, which has no spaces,
 * a word may start anywhere; in Arabic, also after the article ("كلى" finds "الكلى").
 */
export function matchesQuery(name: string, query: string): boolean {
  const words = fold(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .flatMap((word) => (word.startsWith("\u0627\u0644") ? [word, word.slice(2)] : [word]));
  const haystack = fold(name);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((part) =>
      unspaced.test(part)
        ? haystack.includes(part)
        : words.some((word) => word.startsWith(part)) ||
          // "glucose serum", "HbA1c", "25-OH": a part with punctuation is looked for as typed.
          (/[^\p{L}\p{N}]/u.test(part) && haystack.includes(part)),
    );
}

const kindOfType: Record<string, FoundKind | undefined> = {
  MedicationRequest: "medication",
  MedicationStatement: "medication",
  AllergyIntolerance: "allergy",
  Immunization: "immunization",
  Condition: "problem",
  Encounter: "visit",
};

function nameOfRow(row: DeviceResource, book: NameBook): string {
  const r = row.resource;
  switch (row.type) {
    case "MedicationRequest":
    case "MedicationStatement":
      return medicationName(r, book);
    case "Immunization":
      return conceptText(r.vaccineCode) ?? "";
    case "Encounter":
      return conceptText(r.type) ?? "";
    default:
      return nameOf(r);
  }
}

/** One test's results share this key: its code, else its name (as the result pages gather them). */
export function testKeyOf(row: DeviceResource): string {
  return `${row.codeSystem ?? ""}|${row.code ?? nameOf(row.resource)}`;
}

/**
 * Searches the record's names (tests, medicines, problems, allergies, vaccines, kinds of visit)
 * for every word of `query`, within the date window; results of one test are gathered into one
 * line. A test is also found by its plain name and search words from the table of common tests,
 * in the language on screen ("sugar", "azúcar" and "血糖" find glucose); a medicine given as a
 * `medicationReference` by the name of the Medication it points at (`book`). Newest first.
 * Pure but for the words of the language on screen: the page hands it the rows.
 *
 * @example searchRecord(rows, "glucose", { from: "2024-01-01" })
 */
export function searchRecord(
  rows: Iterable<DeviceResource>,
  query: string,
  window: DateWindow,
  book: NameBook = new Map(),
): Found[] {
  const tests = new Map<string, Found>();
  const found: Found[] = [];
  for (const row of rows) {
    if (!inDateWindow(row.effectiveAt, window)) continue;
    const name = nameOfRow(row, book);
    const codes = row.type === "Observation" ? loincCodesOf(row.resource.code) : [];
    const searched = codes.length > 0 ? `${name}\n${searchWordsOfCodes(codes)}` : name;
    if (!searched.trim() || (query && !matchesQuery(searched, query))) continue;
    if (row.type === "Observation") {
      const place = observationPlace(row);
      const key = testKeyOf(row);
      const seen = tests.get(key);
      if (!seen) {
        tests.set(key, {
          kind: kindOfPlace[place],
          id: row.id,
          name,
          codes,
          latest: row.effectiveAt,
          count: 1,
        });
      } else {
        seen.count++;
        if ((row.effectiveAt ?? "") > (seen.latest ?? "")) {
          seen.id = row.id;
          seen.latest = row.effectiveAt;
        }
      }
      continue;
    }
    const kind = kindOfType[row.type];
    if (kind) found.push({ kind, id: row.id, name, codes, latest: row.effectiveAt, count: 1 });
  }
  return [...tests.values(), ...found].sort((a, b) =>
    (b.latest ?? "").localeCompare(a.latest ?? ""),
  );
}

const searchedTypes = ["Observation", ...Object.keys(kindOfType)];

/** The search over the device's copy; nothing is searched for an empty query and no dates. */
export async function searchDevice(
  { db, patientId }: DeviceSource,
  query: string,
  window: DateWindow,
): Promise<Found[] | undefined> {
  if (!patientId || (!query && !window.from && !window.to)) return undefined;
  const [rows, notes] = await Promise.all([
    db.resources
      .where("[patientId+type]")
      .anyOf(searchedTypes.map((type) => [patientId, type]))
      .toArray(),
    documents({ db, patientId }),
  ]);
  // Notes are found once each, by their kind (a note reached by two resources is one note).
  const found = notes.flatMap((note): Found[] =>
    note.name && matchesQuery(note.name, query) && inDateWindow(note.effectiveAt, window)
      ? [
          {
            kind: "document",
            id: note.id,
            name: note.name,
            codes: [],
            latest: note.effectiveAt,
            count: 1,
          },
        ]
      : [],
  );
  return [...searchRecord(rows, query, window, await nameBook({ db, patientId })), ...found].sort(
    (a, b) => (b.latest ?? "").localeCompare(a.latest ?? ""),
  );
}

/** Where a found item opens. */
export function hrefOf(found: Found): string {
  const section = {
    result: "results",
    vital: "vitals",
    medication: "medications",
    allergy: "allergies",
    immunization: "immunizations",
    problem: "problems",
    visit: "visits",
    lifestyle: "history",
    document: "documents",
  }[found.kind];
  return `/record/${section}/${encodeURIComponent(found.id)}`;
}
