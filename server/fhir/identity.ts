import { isRecord } from "../../shared/is-record.ts";
import { digestOf } from "../auth/digest.ts";
import type { SourceEntry } from "./bundle-reader.ts";
import type { FhirResource } from "./types.ts";

/**
 * How an imported resource is recognised when it comes again
 * (docs/decisions/0010-fhir-ids-and-references.md):
 * - its source key: the key a Hearth export marked it with (docs/decisions/0024-import-identity.md),
 *   else the id it had in its source (resource.id, else the id in its fullUrl or PUT url), or,
 *   when it had none, a hash of its content;
 * - its identifier keys: each `identifier` that has both a system and a value, as "system|value".
 */
/** The start of the source key of a resource that came with no id: a hash of its content. */
export const contentKeyPrefix = "sha256:";

export function sourceKeyOf(entry: SourceEntry): string {
  const exported = hearthSourceKeyOf(entry.resource);
  if (exported !== undefined) return exported;
  if (typeof entry.resource.id === "string" && entry.resource.id !== "") return entry.resource.id;
  const fromUrl = entry.fullUrl ? idInUrl(entry.fullUrl) : undefined;
  if (fromUrl) return fromUrl;
  const fromRequest = entry.requestUrl ? idInUrl(entry.requestUrl) : undefined;
  if (fromRequest) return fromRequest;
  return `${contentKeyPrefix}${digestOf(JSON.stringify(entry.resource))}`;
}

/** `123` from `Patient/123` or `http://x/fhir/Patient/123`, the uuid from `urn:uuid:…`. */
function idInUrl(url: string): string | undefined {
  const urn = /^urn:(?:uuid|oid):(.+)$/i.exec(url);
  if (urn) return urn[1];
  const rest = /(?:^|\/)[A-Z][A-Za-z]+\/([^/?#\s]+)(?:\/_history\/[^/?#\s]+)?$/.exec(url);
  return rest?.[1];
}

export function identifierKeysOf(resource: FhirResource): string[] {
  const identifiers = Array.isArray(resource.identifier)
    ? resource.identifier
    : isRecord(resource.identifier)
      ? [resource.identifier]
      : [];
  const keys: string[] = [];
  for (const identifier of identifiers) {
    if (!isRecord(identifier)) continue;
    const { system, value } = identifier;
    if (typeof system === "string" && typeof value === "string" && system && value) {
      const key = `${system}|${value}`;
      if (!keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

/** An identifier search token: `system|value`, or a bare value that matches any system. */
export interface IdentifierToken {
  system: string | undefined;
  value: string;
}

/**
 * The identifier tokens of a conditional query (`identifier=http://x|123&identifier=…`), or
 * undefined when the query asks for anything else, which Hearth does not try to evaluate.
 */
export function identifierTokensOf(query: string): IdentifierToken[] | undefined {
  const tokens: IdentifierToken[] = [];
  for (const part of query.split("&")) {
    const [name, raw] = part.split("=", 2);
    if (name !== "identifier" || !raw) return undefined;
    let text: string;
    try {
      text = decodeURIComponent(raw);
    } catch {
      text = raw;
    }
    const bar = text.indexOf("|");
    tokens.push(
      bar < 0
        ? { system: undefined, value: text }
        : { system: text.slice(0, bar) || undefined, value: text.slice(bar + 1) },
    );
  }
  return tokens.length ? tokens : undefined;
}

export function matchesToken(keys: readonly string[], token: IdentifierToken): boolean {
  if (token.system !== undefined) return keys.includes(`${token.system}|${token.value}`);
  return keys.some((key) => key.slice(key.indexOf("|") + 1) === token.value);
}

/** Identifier keys a token names exactly (both system and value), for matching stored rows. */
export function keysOfTokens(tokens: readonly IdentifierToken[]): string[] {
  return tokens.flatMap((t) => (t.system !== undefined ? [`${t.system}|${t.value}`] : []));
}

/**
 * JSON with every object's keys in sorted order, so that a resource hashes the same however its
 * keys were ordered (as the source wrote them, or as jsonb gives them back for an export).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isRecord(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );
}

/** What a stored row's content_hash is: the SHA-256 of the resource's canonical JSON. */
export function contentHashOf(resource: FhirResource): string {
  return digestOf(canonicalJson(resource));
}

/**
 * Hearth's mark on each resource it exports (docs/decisions/0024-import-identity.md): a
 * `meta.tag` whose code is the resource's source key in Hearth. The resource's `id` is then a
 * Hearth id. A tag, because every resource has one, it adds to what the source wrote without
 * replacing anything, and FHIR lets readers ignore tags when reading what a resource means.
 */
export const hearthSourceKeySystem = "https://hearth.example/fhir/source-key";

interface Coding {
  system?: unknown;
  code?: unknown;
}

function tagsOf(resource: FhirResource): unknown[] {
  const meta = resource.meta;
  return isRecord(meta) && Array.isArray(meta.tag) ? meta.tag : [];
}

function isHearthTag(tag: unknown): tag is Coding & { code: string } {
  return (
    isRecord(tag) &&
    tag.system === hearthSourceKeySystem &&
    typeof tag.code === "string" &&
    tag.code !== ""
  );
}

/** The source key a Hearth export gave the resource, when it came from one. */
export function hearthSourceKeyOf(resource: FhirResource): string | undefined {
  return tagsOf(resource).find(isHearthTag)?.code;
}

/** The resource as exported: with Hearth's mark added after any tags the source had. */
export function withHearthMark(resource: FhirResource, sourceKey: string): FhirResource {
  const meta = isRecord(resource.meta) ? resource.meta : {};
  const tag = [...tagsOf(resource), { system: hearthSourceKeySystem, code: sourceKey }];
  return { ...resource, meta: { ...meta, tag } };
}

/** The resource as it was stored before it was exported: Hearth's mark taken off again. */
export function withoutHearthMark(resource: FhirResource): FhirResource {
  const tags = tagsOf(resource);
  if (!tags.some(isHearthTag) || !isRecord(resource.meta)) return resource;
  const { tag: _tag, ...meta } = resource.meta;
  const kept = tags.filter((t) => !isHearthTag(t));
  const nextMeta = kept.length ? { ...meta, tag: kept } : meta;
  const { meta: _meta, ...rest } = resource;
  return Object.keys(nextMeta).length ? { ...rest, meta: nextMeta } : rest;
}
