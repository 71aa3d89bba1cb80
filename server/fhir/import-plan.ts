import { isUuid } from "../../shared/contracts/uuid.ts";
import {
  type DeleteRequest,
  type FhirFile,
  FhirFileError,
  type SkippedEntry,
  type SourceEntry,
} from "./bundle-reader.ts";
import {
  contentKeyPrefix,
  hearthSourceKeyOf,
  identifierKeysOf,
  identifierTokensOf,
  keysOfTokens,
  sourceKeyOf,
} from "./identity.ts";
import { FileReferences, forEachReference, parseReference } from "./references.ts";

/** One resource the file asks to store, with the keys that recognise it. */
export interface PlannedEntry {
  entry: SourceEntry;
  type: string;
  sourceKey: string;
  identifierKeys: string[];
  /** Index into `persons`: whose record this belongs to; undefined when it names no patient. */
  person: number | undefined;
  /** The id a Hearth export gave it (ADR 24), kept as its id when it is new here. */
  hearthId: string | undefined;
}

/** A patient the file describes (Patient entries) or only points at (references). */
export interface PlannedPerson {
  patientEntries: PlannedEntry[];
  sourceKeys: string[];
  identifierKeys: string[];
  /** A reference's display text: the name of a patient the file only points at. */
  display: string | undefined;
  /** Patient ids a Hearth export gave this person (ADR 24): its Patient's id, or the id a
   * reference names. They find the patient again, and a new patient takes the first. */
  hearthIds: string[];
}

export interface ImportPlan {
  description: string;
  entries: PlannedEntry[];
  persons: PlannedPerson[];
  deletes: DeleteRequest[];
  skipped: SkippedEntry[];
  references: FileReferences;
  /** The planned entry that stands for each source entry (a later copy replaces an earlier one). */
  plannedFor: Map<SourceEntry, PlannedEntry>;
}

/** Elements that name the patient a resource is about, in the order they are trusted. */
const patientFields = ["patient", "subject", "beneficiary"];

/**
 * Decides, without the database, what a file asks for: the resources to store (two entries with
 * the same type and id refuse the file, FHIR-101), the patients involved, and whose
 * record each resource belongs to. A resource belongs to the patient its `patient`/`subject`
 * names, else to the first patient it refers to at all; one that names none (a Practitioner, an
 * Organization) belongs to every patient of the file.
 */
export function planImport(file: FhirFile): ImportPlan {
  const skipped = [...file.skipped];
  const byKey = new Map<string, PlannedEntry>();
  const keyOf = new Map<SourceEntry, string>();
  const repeats = new Map<string, number[]>();
  for (const entry of file.entries) {
    const planned: PlannedEntry = {
      entry,
      type: entry.resource.resourceType,
      sourceKey: sourceKeyOf(entry),
      identifierKeys: [...identifierKeysOf(entry.resource), ...conditionalKeys(entry)],
      person: undefined,
      hearthId:
        hearthSourceKeyOf(entry.resource) !== undefined && isUuid(entry.resource.id)
          ? entry.resource.id
          : undefined,
    };
    const key = `${planned.type}|${planned.sourceKey}`;
    const earlier = byKey.get(key);
    if (earlier) {
      if (!planned.sourceKey.startsWith(contentKeyPrefix)) {
        const positions = repeats.get(key) ?? [earlier.entry.position];
        positions.push(entry.position);
        repeats.set(key, positions);
        continue;
      }
      // No id, and the very same content: one resource written twice, kept once.
      skipped.push({
        position: entry.position,
        reason: `the same ${planned.type} as entry ${earlier.entry.position}`,
      });
      keyOf.set(entry, key);
      continue;
    }
    byKey.set(key, planned);
    keyOf.set(entry, key);
  }
  if (repeats.size > 0) throw duplicateEntries(repeats);
  const entries = [...byKey.values()].sort((a, b) => a.entry.position - b.entry.position);
  const plannedFor = new Map<SourceEntry, PlannedEntry>();
  for (const [entry, key] of keyOf) plannedFor.set(entry, byKey.get(key) as PlannedEntry);
  const references = new FileReferences(entries.map((p) => p.entry));

  const persons: PlannedPerson[] = [];
  for (const planned of entries) {
    if (planned.type !== "Patient") continue;
    planned.person = persons.length;
    persons.push({
      patientEntries: [planned],
      sourceKeys: [planned.sourceKey],
      identifierKeys: [...planned.identifierKeys],
      display: undefined,
      hearthIds: planned.hearthId ? [planned.hearthId] : [],
    });
  }
  const fromHearth = entries.some((p) => p.hearthId !== undefined);
  for (const planned of entries) {
    if (planned.type === "Patient") continue;
    planned.person = ownerOf(planned, references, plannedFor, persons, fromHearth);
  }
  return {
    description: file.description,
    entries,
    persons: mergeSamePersons(entries, persons),
    deletes: file.deletes,
    skipped,
    references,
    plannedFor,
  };
}

/**
 * Two entries for one resource (ADR 24): a transaction that writes the same resource twice is
 * invalid (hl7.org/fhir/R4/http.html#trules), and in any other file Hearth cannot know which
 * copy is right, so the file is refused rather than one copy silently dropped.
 */
function duplicateEntries(repeats: Map<string, number[]>): FhirFileError {
  const groups = [...repeats].map(([key, positions]) => {
    const [type, id] = [key.slice(0, key.indexOf("|")), key.slice(key.indexOf("|") + 1)];
    const [first, second] = positions;
    return positions.length === 2
      ? `entries ${first} and ${second} are both ${type}/${id}`
      : `entries ${positions.join(", ")} are all ${type}/${id}`;
  });
  return new FhirFileError(
    `two entries hold the same resource (${groups.join("; ")}); keep one of each and import again`,
    "FHIR-101",
  );
}

/** Identifiers a conditional create or update names: they recognise the resource too. */
function conditionalKeys(entry: SourceEntry): string[] {
  const queries = [entry.ifNoneExist, entry.requestUrl?.split("?")[1]];
  return queries.flatMap((query) => {
    const tokens = query ? identifierTokensOf(query) : undefined;
    return tokens ? keysOfTokens(tokens) : [];
  });
}

function ownerOf(
  planned: PlannedEntry,
  references: FileReferences,
  plannedFor: Map<SourceEntry, PlannedEntry>,
  persons: PlannedPerson[],
  fromHearth: boolean,
): number | undefined {
  const found: Array<{ rank: number; person: number }> = [];
  forEachReference(planned.entry.resource, (reference, field) => {
    const person = personOfReference(
      reference.reference,
      reference.display,
      planned,
      references,
      plannedFor,
      persons,
      fromHearth,
    );
    if (person === undefined) return;
    const preferred = patientFields.indexOf(field);
    const rank = preferred >= 0 ? preferred : field === "contained" ? 99 : 50;
    found.push({ rank, person });
  });
  found.sort((a, b) => a.rank - b.rank);
  return found[0]?.person;
}

/** The person a reference points at, registering one the file only points at. */
function personOfReference(
  reference: string,
  display: string | undefined,
  from: PlannedEntry,
  references: FileReferences,
  plannedFor: Map<SourceEntry, PlannedEntry>,
  persons: PlannedPerson[],
  fromHearth: boolean,
): number | undefined {
  const target = references.resolve(reference, from.entry);
  if (target) {
    const planned = plannedFor.get(target);
    return planned?.type === "Patient" ? planned.person : undefined;
  }
  const parsed = parseReference(reference);
  if (!("type" in parsed) || parsed.type !== "Patient") return undefined;
  let sourceKeys: string[] = [];
  let identifierKeys: string[] = [];
  if (parsed.kind === "conditional") {
    const tokens = identifierTokensOf(parsed.query);
    identifierKeys = tokens ? keysOfTokens(tokens) : [];
    if (identifierKeys.length === 0) return undefined;
  } else {
    sourceKeys = [parsed.id];
  }
  const known = persons.findIndex(
    (p) =>
      p.sourceKeys.some((k) => sourceKeys.includes(k)) ||
      p.identifierKeys.some((k) => identifierKeys.includes(k)),
  );
  if (known >= 0) return known;
  persons.push({
    patientEntries: [],
    sourceKeys,
    identifierKeys,
    display: typeof display === "string" ? display : undefined,
    // In a Hearth export, a patient named only by reference is one with no Patient resource:
    // the reference holds its Hearth id.
    hearthIds: fromHearth && parsed.kind !== "conditional" && isUuid(parsed.id) ? [parsed.id] : [],
  });
  return persons.length - 1;
}

/**
 * Two persons that share an identifier are one person (two Patient entries with the same MRN).
 * Answers the persons left, with the entries re-pointed at them.
 */
function mergeSamePersons(entries: PlannedEntry[], persons: PlannedPerson[]): PlannedPerson[] {
  for (let a = 0; a < persons.length; a++) {
    for (let b = a + 1; b < persons.length; b++) {
      const pa = persons[a] as PlannedPerson;
      const pb = persons[b] as PlannedPerson;
      const shared = pb.identifierKeys.some((k) => pa.identifierKeys.includes(k));
      if (!shared) continue;
      pa.patientEntries.push(...pb.patientEntries);
      pa.sourceKeys = [...new Set([...pa.sourceKeys, ...pb.sourceKeys])];
      pa.identifierKeys = [...new Set([...pa.identifierKeys, ...pb.identifierKeys])];
      pa.display ??= pb.display;
      pa.hearthIds = [...new Set([...pa.hearthIds, ...pb.hearthIds])];
      pb.patientEntries = [];
      pb.sourceKeys = [];
      pb.identifierKeys = [];
      pb.hearthIds = [];
      for (const planned of entries) if (planned.person === b) planned.person = a;
    }
  }
  const left = persons.filter((p) => p.sourceKeys.length + p.identifierKeys.length > 0);
  for (const planned of entries) {
    if (planned.person !== undefined) {
      planned.person = left.indexOf(persons[planned.person] as PlannedPerson);
    }
  }
  return left;
}
