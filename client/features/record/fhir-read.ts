/**
 * Reading the parts of FHIR R4 JSON the record pages show. Resources arrive from other systems
 * in many shapes (hl7.org/fhir/R4/datatypes.html), so every reader accepts `unknown` and answers
 * `undefined` for what is missing or malformed rather than throwing.
 */

import {
  type FhirWhen,
  fhirWhen,
  newestWhenFirst,
  oldestWhenFirst,
} from "../../../shared/fhir-when.ts";
import { isRecord } from "../../../shared/is-record.ts";

export type Json = Record<string, unknown>;

/** The first item of a FHIR list (or the value itself when a system sent one item bare). */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * What a CodeableConcept says, for a person: its text, else the first coding's display, else
 * the code itself. Clinical words stay as the record wrote them (shown with lang="en").
 *
 * @example conceptText({ coding: [{ code: "4548-4", display: "Hemoglobin A1c" }] }) // "Hemoglobin A1c"
 */
export function conceptText(concept: unknown): string | undefined {
  const one = first(concept);
  if (!isRecord(one)) return undefined;
  const own = text(one.text);
  if (own) return own;
  const codings = Array.isArray(one.coding) ? one.coding.filter(isRecord) : [];
  for (const coding of codings) {
    const display = text(coding.display);
    if (display) return display;
  }
  return codings.map((coding) => text(coding.code)).find(Boolean);
}

/** Every code of a CodeableConcept (or a list of them), as "system|code". */
export function conceptCodes(concept: unknown): string[] {
  const concepts = Array.isArray(concept) ? concept : [concept];
  return concepts.flatMap((one) =>
    isRecord(one) && Array.isArray(one.coding)
      ? one.coding.filter(isRecord).flatMap((coding) => {
          const code = text(coding.code);
          return code ? [`${text(coding.system) ?? ""}|${code}`] : [];
        })
      : [],
  );
}

/** The id a reference points at on this device ("Practitioner/abc" → "abc"), if it names one. */
export function referenceId(reference: unknown): string | undefined {
  if (!isRecord(reference)) return undefined;
  const target = text(reference.reference);
  if (!target || target.startsWith("#") || target.includes("?")) return undefined;
  const parts = target.split("/");
  return parts.at(-1) || undefined;
}

/** The display text a reference carries, for when its target is not on the device. */
export function referenceDisplay(reference: unknown): string | undefined {
  return isRecord(reference) ? text(reference.display) : undefined;
}

/** A HumanName (or list of them) as one line: text, else prefix, given and family names. */
export function humanName(names: unknown): string | undefined {
  const list = Array.isArray(names) ? names.filter(isRecord) : isRecord(names) ? [names] : [];
  const name = list.find((n) => n.use === "official") ?? list[0];
  if (!name) return undefined;
  const own = text(name.text);
  if (own) return own;
  const words = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const parts = [...words(name.prefix), ...words(name.given), text(name.family) ?? ""];
  const line = parts.filter(Boolean).join(" ");
  return line || undefined;
}

/**
 * A FHIR Quantity's number and its unit: the UCUM code when the quantity has one (so every
 * language writes it its own way, measure-text.ts), else the unit as the record wrote it.
 */
export interface Amount {
  value: number;
  unit?: string | undefined;
  comparator?: string | undefined;
  /** The LOINC code of what was measured, when known: a heart rate's "/min" is beats per minute. */
  of?: string | undefined;
}

const ucum = "http://unitsofmeasure.org";

export function amountOf(quantity: unknown): Amount | undefined {
  if (!isRecord(quantity)) return undefined;
  const value = numberOf(quantity.value);
  if (value === undefined) return undefined;
  return {
    value,
    unit:
      (quantity.system === ucum ? text(quantity.code) : undefined) ??
      text(quantity.unit) ??
      text(quantity.code),
    comparator: text(quantity.comparator),
  };
}

/** Dates are read by one function, on the server and on the device (docs/decisions/0023-calendar-dates.md). */
export { type FhirWhen, fhirWhen, newestWhenFirst, oldestWhenFirst };

/** A Period's start and end, each when present. */
export function periodOf(period: unknown): { start?: FhirWhen; end?: FhirWhen } {
  if (!isRecord(period)) return {};
  const start = fhirWhen(period.start);
  const end = fhirWhen(period.end);
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}
