import { patients, type resources } from "../db/schema.ts";
import type { Transaction } from "../records/patient-version.ts";
import type { ImportPlan, PlannedEntry, PlannedPerson } from "./import-plan.ts";
import type { FhirResource } from "./types.ts";

export const batchSize = 400;

export interface StoredPatient {
  id: string;
  accountId: string | null;
  sourceKeys: string[];
  identifierKeys: string[];
  name: string | null;
}

/** The columns a stored patient is read with, wherever the import looks one up. */
export const storedPatientColumns = {
  id: patients.id,
  accountId: patients.accountId,
  sourceKeys: patients.sourceKeys,
  identifierKeys: patients.identifierKeys,
  name: patients.name,
};

export interface FilePatient {
  id: string;
  persons: PlannedPerson[];
  stored: StoredPatient | undefined;
  accountId: string | null;
}

export interface ExistingRow {
  id: string;
  patientId: string | null;
  resourceType: string;
  sourceKey: string;
  identifierKeys: string[];
  contentHash: string;
  deleted: boolean;
  version: number;
}

/** Where a planned entry is stored for one owner (a patient, or null for the directory). */
export interface Placement {
  planned: PlannedEntry;
  owner: string | null;
  id: string;
  existing: ExistingRow | undefined;
}

/** What one import has learnt so far; each phase reads what earlier ones found and adds its own. */
export interface ImportState {
  readonly tx: Transaction;
  readonly plan: ImportPlan;
  readonly patientOfPerson: Map<PlannedPerson, FilePatient>;
  readonly filePatients: FilePatient[];
  /** The patient `--account` links (the file's one patient, or the account's own record). */
  accountPatient: FilePatient | undefined;
  readonly rows: Map<string | null, ExistingRow[]>;
  /** Stored rows by `owner|type|sourceKey` and by `owner|type|identifierKey`. */
  readonly bySource: Map<string, ExistingRow>;
  readonly byIdentifier: Map<string, ExistingRow[]>;
  /** The id of each patient's Patient resource placed by this import. */
  readonly patientRowOf: Map<string, string>;
  readonly placements: Map<PlannedEntry, Placement[]>;
  /** Stored patients that references in this file point at without making them owners. */
  readonly referredPatients: Map<string, string>;
  /** Ids a Hearth export gave its resources that are already rows here (ADR 24). */
  readonly takenIds: Set<string>;
}

export function newImportState(tx: Transaction, plan: ImportPlan): ImportState {
  return {
    tx,
    plan,
    patientOfPerson: new Map(),
    filePatients: [],
    accountPatient: undefined,
    rows: new Map(),
    bySource: new Map(),
    byIdentifier: new Map(),
    patientRowOf: new Map(),
    placements: new Map(),
    referredPatients: new Map(),
    takenIds: new Set(),
  };
}

export type NewRow = typeof resources.$inferInsert & { resource: FhirResource & { id: string } };

/** A row this import writes: a resource of the file, or a stored one whose references it fixes. */
export interface WrittenRow {
  owner: string | null;
  id: string;
  existing: ExistingRow | undefined;
  row: NewRow;
  changed: boolean;
}

export function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
