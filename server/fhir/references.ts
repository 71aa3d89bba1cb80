import { isRecord } from "../../shared/is-record.ts";
import type { SourceEntry } from "./bundle-reader.ts";
import {
  type IdentifierToken,
  identifierKeysOf,
  identifierTokensOf,
  matchesToken,
} from "./identity.ts";
import type { FhirReference, FhirResource } from "./types.ts";

/**
 * The forms a Reference.reference takes in real exports (hl7.org/fhir/R4/references.html).
 * Conditional references are only legal inside transactions, but Synthea writes them for
 * practitioners and organizations that live in other files.
 */
export type ParsedReference =
  | { kind: "contained"; id: string }
  | { kind: "urn"; url: string }
  | { kind: "relative"; type: string; id: string }
  | { kind: "absolute"; url: string; base: string; type: string; id: string }
  | { kind: "conditional"; type: string; query: string }
  | { kind: "other" };

const typeName = "[A-Z][A-Za-z]+";
const idPart = "[^/?#\\s]+";
const history = `(?:/_history/${idPart})?`;
const relativePattern = new RegExp(`^(${typeName})/(${idPart})${history}$`);
const absolutePattern = new RegExp(`^(https?://.+)/(${typeName})/(${idPart})${history}$`);
const conditionalPattern = new RegExp(`^(${typeName})\\?(.+)$`);

export function parseReference(reference: string): ParsedReference {
  if (reference.startsWith("#")) return { kind: "contained", id: reference.slice(1) };
  if (/^urn:(uuid|oid):/i.test(reference)) return { kind: "urn", url: reference };
  let match = relativePattern.exec(reference);
  if (match) return { kind: "relative", type: match[1] as string, id: match[2] as string };
  match = absolutePattern.exec(reference);
  if (match) {
    const [, base, type, id] = match as unknown as [string, string, string, string];
    return { kind: "absolute", url: `${base}/${type}/${id}`, base, type, id };
  }
  match = conditionalPattern.exec(reference);
  if (match) return { kind: "conditional", type: match[1] as string, query: match[2] as string };
  return { kind: "other" };
}

/**
 * Calls `visit` for every Reference in a resource: in its elements, its extensions and its
 * contained resources. `field` is the top-level element the reference sits under, which is how
 * the importer tells `subject` from `performer`.
 */
export function forEachReference(
  resource: FhirResource,
  visit: (reference: FhirReference & { reference: string }, field: string) => void,
): void {
  for (const [field, value] of Object.entries(resource)) walk(value, field, visit);
}

function walk(
  value: unknown,
  field: string,
  visit: (reference: FhirReference & { reference: string }, field: string) => void,
): void {
  if (Array.isArray(value)) {
    for (const item of value) walk(item, field, visit);
  } else if (isRecord(value)) {
    if (typeof value.reference === "string") {
      visit(value as FhirReference & { reference: string }, field);
    }
    for (const inner of Object.values(value)) {
      if (typeof inner === "object" && inner !== null) walk(inner, field, visit);
    }
  }
}

/**
 * A copy of the resource with each Reference.reference replaced by what `rewrite` answers for it
 * (undefined keeps it as written). Everything else, display text included, is copied as it is.
 */
export function rewriteReferences(
  resource: FhirResource,
  rewrite: (reference: string) => string | undefined,
): FhirResource {
  return copy(resource, rewrite) as FhirResource;
}

function copy(value: unknown, rewrite: (reference: string) => string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => copy(item, rewrite));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "reference" && typeof inner === "string") out[key] = rewrite(inner) ?? inner;
    else out[key] = copy(inner, rewrite);
  }
  return out;
}

/**
 * Resolves references between the entries of one file, by the rules of
 * hl7.org/fhir/R4/bundle.html#references: `fullUrl` first (urn:uuid and absolute URLs), then a
 * relative `Type/id` against the referring entry's base, then against the resources' own ids
 * (files with no fullUrl at all, like the HL7 examples). Conditional references resolve when
 * exactly one entry of the type carries the identifier asked for.
 *
 * @example
 * const refs = new FileReferences(file.entries);
 * refs.resolve("urn:uuid:5b36…", observationEntry); // the Patient entry
 */
export class FileReferences {
  readonly #byFullUrl = new Map<string, SourceEntry>();
  readonly #byTypeAndId = new Map<string, SourceEntry>();
  readonly #byType = new Map<string, SourceEntry[]>();

  constructor(entries: readonly SourceEntry[]) {
    for (const entry of entries) {
      const type = entry.resource.resourceType;
      if (entry.fullUrl) this.#byFullUrl.set(entry.fullUrl, entry);
      for (const id of localIdsOf(entry)) this.#byTypeAndId.set(`${type}/${id}`, entry);
      const sameType = this.#byType.get(type) ?? [];
      sameType.push(entry);
      this.#byType.set(type, sameType);
    }
  }

  resolve(reference: string, from: SourceEntry): SourceEntry | undefined {
    const parsed = parseReference(reference);
    switch (parsed.kind) {
      case "urn":
        return this.#byFullUrl.get(parsed.url);
      case "absolute":
        return this.#byFullUrl.get(parsed.url);
      case "relative": {
        const base = restfulBase(from.fullUrl);
        const absolute = base
          ? this.#byFullUrl.get(`${base}/${parsed.type}/${parsed.id}`)
          : undefined;
        return absolute ?? this.#byTypeAndId.get(`${parsed.type}/${parsed.id}`);
      }
      case "conditional": {
        const tokens = identifierTokensOf(parsed.query);
        if (!tokens) return undefined;
        const found = (this.#byType.get(parsed.type) ?? []).filter((entry) =>
          matchesAll(identifierKeysOf(entry.resource), tokens),
        );
        return found.length === 1 ? found[0] : undefined;
      }
      default:
        return undefined;
    }
  }
}

function matchesAll(keys: readonly string[], tokens: readonly IdentifierToken[]): boolean {
  return tokens.every((token) => matchesToken(keys, token));
}

/**
 * The ids an entry is known by inside its file: its own id, the id in its fullUrl, and the id
 * its PUT url gives it (`PUT Patient/123` stores the resource as Patient/123), when those name
 * the entry's own type.
 */
function localIdsOf(entry: SourceEntry): string[] {
  const ids: string[] = [];
  if (typeof entry.resource.id === "string" && entry.resource.id !== "") {
    ids.push(entry.resource.id);
  }
  for (const url of [entry.fullUrl, entry.requestUrl]) {
    const parsed = url ? parseReference(url) : undefined;
    if (
      (parsed?.kind === "absolute" || parsed?.kind === "relative") &&
      parsed.type === entry.resource.resourceType &&
      !ids.includes(parsed.id)
    ) {
      ids.push(parsed.id);
    }
  }
  return ids;
}

/** `http://example.org/fhir` for `http://example.org/fhir/Patient/123`; undefined for urn:. */
function restfulBase(fullUrl: string | undefined): string | undefined {
  if (!fullUrl) return undefined;
  const parsed = parseReference(fullUrl);
  return parsed.kind === "absolute" ? parsed.base : undefined;
}
