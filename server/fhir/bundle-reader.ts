import type { ErrorCode } from "../../shared/errors.ts";
import { isRecord } from "../../shared/is-record.ts";
import { otherVersionSigns, otherVersionTypes, r4ResourceTypes } from "./resource-types.ts";
import type { FhirResource } from "./types.ts";

/** One resource to create or update, as a file gives it. */
export interface SourceEntry {
  /** 1-based place in the file, for messages ("entry 12"). */
  position: number;
  fullUrl: string | undefined;
  resource: FhirResource;
  /** The request url of a transaction or batch entry (`Patient/123`, `Patient?identifier=…`). */
  requestUrl: string | undefined;
  /** A conditional create's query (`identifier=system|value`). */
  ifNoneExist: string | undefined;
}

export interface DeleteRequest {
  position: number;
  url: string;
}

export interface SkippedEntry {
  position: number;
  reason: string;
}

/** What a file holds, once it is known to be FHIR R4 that Hearth can take. */
export interface FhirFile {
  /** "transaction Bundle", "Observation": for the importer's report. */
  description: string;
  entries: SourceEntry[];
  deletes: DeleteRequest[];
  /** Entries that are valid but carry nothing to store (reads, operation calls, outcomes). */
  skipped: SkippedEntry[];
}

/**
 * The file cannot be taken at all; the message says why, in words an operator can act on. A
 * refusal that has its own code in the catalog (shared/errors.ts, FHIR-1xx) carries it.
 */
export class FhirFileError extends Error {
  override name = "FhirFileError";
  constructor(
    message: string,
    readonly code?: ErrorCode,
  ) {
    super(message);
  }
}

const bundleTypes = new Set(["transaction", "batch", "collection", "searchset", "document"]);

/**
 * Parses a file and checks it is FHIR R4 that Hearth can import: a Bundle of a kind that carries
 * resources, or a single resource. Throws FhirFileError for anything else. Messy but valid
 * content (unknown extensions, profiles, odd ids) is kept as it is: refusing is only for files
 * that are not JSON, not FHIR, or plainly another FHIR version.
 *
 * @example
 * const file = readFhirFile(readFileSync("bundle.json", "utf8"));
 * file.entries.length; // resources to store
 */
export function readFhirFile(text: string): FhirFile {
  let json: unknown;
  try {
    // Exports written on Windows often start with a byte-order mark.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new FhirFileError(`not JSON (${(error as Error).message})`);
  }
  const root = checkResource(json, "the file");
  if (root.resourceType !== "Bundle") {
    return {
      description: root.resourceType,
      entries: [
        {
          position: 1,
          fullUrl: undefined,
          resource: root,
          requestUrl: undefined,
          ifNoneExist: undefined,
        },
      ],
      deletes: [],
      skipped: [],
    };
  }
  const type = root.type;
  if (typeof type !== "string") throw new FhirFileError("not FHIR: a Bundle without a type");
  if (!bundleTypes.has(type)) {
    throw new FhirFileError(
      `a "${type}" Bundle carries no record to import (Hearth takes transaction, batch, collection, searchset and document Bundles, or a single resource)`,
    );
  }
  if (root.entry !== undefined && !Array.isArray(root.entry)) {
    throw new FhirFileError("not FHIR: Bundle.entry is not a list");
  }
  const file: FhirFile = { description: `${type} Bundle`, entries: [], deletes: [], skipped: [] };
  const entries: unknown[] = root.entry ?? [];
  for (const [index, entry] of entries.entries()) readEntry(file, entry, index + 1);
  return file;
}

function readEntry(file: FhirFile, entry: unknown, position: number): void {
  const where = `entry ${position}`;
  if (!isRecord(entry)) throw new FhirFileError(`not FHIR: ${where} is not an object`);
  const request = isRecord(entry.request) ? entry.request : undefined;
  const method = typeof request?.method === "string" ? request.method.toUpperCase() : undefined;
  const url = typeof request?.url === "string" ? request.url : undefined;
  const fullUrl = typeof entry.fullUrl === "string" ? entry.fullUrl : undefined;
  const search = isRecord(entry.search) ? entry.search : undefined;

  if (method === "GET" || method === "HEAD") {
    file.skipped.push({ position, reason: `${method} ${url ?? ""} is a read` });
    return;
  }
  if (method === "DELETE") {
    if (!url) throw new FhirFileError(`not FHIR: ${where} is a DELETE without a url`);
    file.deletes.push({ position, url });
    return;
  }
  if (method === "PATCH") {
    file.skipped.push({ position, reason: `PATCH ${url ?? ""} cannot be replayed by an import` });
    return;
  }
  if (url?.includes("$")) {
    file.skipped.push({ position, reason: `${method} ${url} calls an operation` });
    return;
  }
  if (search?.mode === "outcome") {
    file.skipped.push({ position, reason: "a search outcome (OperationOutcome)" });
    return;
  }
  if (entry.resource === undefined) {
    if (method) throw new FhirFileError(`not FHIR: ${where} is a ${method} without a resource`);
    file.skipped.push({ position, reason: "an entry without a resource" });
    return;
  }
  const resource = checkResource(entry.resource, where);
  file.entries.push({
    position,
    fullUrl,
    resource,
    requestUrl: method === "PUT" || method === "POST" ? url : undefined,
    ifNoneExist: typeof request?.ifNoneExist === "string" ? request.ifNoneExist : undefined,
  });
}

/** A resource, and the resources it contains, must name an R4 type and show no other version. */
function checkResource(value: unknown, where: string): FhirResource {
  if (!isRecord(value) || typeof value.resourceType !== "string") {
    throw new FhirFileError(`not FHIR: ${where} has no resourceType`);
  }
  const type = value.resourceType;
  if (!r4ResourceTypes.has(type)) {
    const version = otherVersionTypes[type];
    throw new FhirFileError(
      version
        ? `not FHIR R4: ${where} is a ${type}, a resource of FHIR ${version}`
        : `not FHIR: ${where} has an unknown resourceType "${type}"`,
    );
  }
  for (const sign of otherVersionSigns) {
    if (sign.type === type && sign.test(value)) {
      throw new FhirFileError(
        `not FHIR R4: ${where} (${type}) looks like FHIR ${sign.version}: ${sign.sign}`,
      );
    }
  }
  if (value.contained !== undefined) {
    if (!Array.isArray(value.contained)) {
      throw new FhirFileError(`not FHIR: ${where} has a contained that is not a list`);
    }
    for (const inner of value.contained) checkResource(inner, `a resource contained in ${where}`);
  }
  // A top-level Bundle is checked entry by entry instead, so each entry is walked once.
  if ((type !== "Bundle" || where !== "the file") && hasNul(value)) {
    // PostgreSQL's jsonb cannot hold U+0000; say so instead of failing half-way.
    throw new FhirFileError(`${where} contains a NUL character (\\u0000), which cannot be stored`);
  }
  return value as FhirResource;
}

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes("\u0000") || hasNul(inner)) return true;
    }
  }
  return false;
}
