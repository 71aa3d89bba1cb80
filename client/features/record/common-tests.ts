import { isRecord } from "../../../shared/is-record.ts";
import { hasWords, type TranslationKey, t } from "../../i18n/i18n.ts";
import { conceptCodes, type Json } from "./fhir-read.ts";
import { keyOf, type Measure } from "./result-flags.ts";

/**
 * The table of common tests (docs/decisions/0027-common-tests-table.md) is the `tests`
 * namespace of the locale files: for each LOINC code, a plain name a patient understands and
 * the words they might search with, in each language. These functions read it for the
 * language on screen; a code the table does not know has no plain name, and the clinic's own
 * name is shown alone.
 */

/** LOINC as systems write it: the canonical URI, its OID, and a stray trailing slash. */
const loincSystems = new Set([
  "http://loinc.org",
  "http://loinc.org/",
  "urn:oid:2.16.840.1.113883.6.1",
]);

/** The LOINC codes of a CodeableConcept (or a list of them), in the order the record gives them. */
export function loincCodesOf(concept: unknown): string[] {
  return conceptCodes(concept).flatMap((key) => {
    const bar = key.lastIndexOf("|");
    return loincSystems.has(key.slice(0, bar)) ? [key.slice(bar + 1)] : [];
  });
}

/** The first of `codes` the table knows, if any. */
function knownCode(codes: readonly string[]): string | undefined {
  return codes.find((code) => hasWords(`tests.${code}.name`));
}

function words(code: string, part: "name" | "words"): string {
  // The key is built from a code the table holds (`knownCode`), so it exists in every language.
  return t(`tests.${code}.${part}` as TranslationKey);
}

/**
 * The plain name, in the language on screen, of the test one of `codes` names.
 *
 * @example plainNameOfCodes(["3016-3"]) // "Thyroid stimulating hormone (TSH)"
 */
export function plainNameOfCodes(codes: readonly string[]): string | undefined {
  const code = knownCode(codes);
  return code ? words(code, "name") : undefined;
}

/** The plain name of what an Observation, a component or a report measures (its `code`). */
export function plainNameOf(element: Json): string | undefined {
  return plainNameOfCodes(loincCodesOf(element.code));
}

/** The plain name of a history or measure gathered by key ("http://loinc.org|2345-7"). */
export function plainNameOfKey(key: string): string | undefined {
  const bar = key.lastIndexOf("|");
  return loincSystems.has(key.slice(0, bar)) ? plainNameOfCodes([key.slice(bar + 1)]) : undefined;
}

/**
 * The plain name of one measure of an Observation: read from the element it came from (the
 * Observation itself or one of its components), so every LOINC coding counts, not only the
 * first one its key was made from.
 */
export function plainNameOfMeasure(observation: Json, measure: Measure): string | undefined {
  const components = Array.isArray(observation.component)
    ? observation.component.filter(isRecord)
    : [];
  const element =
    components.find((component) => keyOf(component) === measure.key) ??
    (keyOf(observation) === measure.key ? observation : undefined);
  return (element ? plainNameOf(element) : undefined) ?? plainNameOfKey(measure.key);
}

/**
 * What a search looks through for a test, in the language on screen: its plain name and the
 * table's search words for it (never shown; "sugar" finds glucose, "riñón" creatinine).
 */
export function searchWordsOfCodes(codes: readonly string[]): string {
  const code = knownCode(codes);
  return code ? `${words(code, "name")}\n${words(code, "words")}` : "";
}
