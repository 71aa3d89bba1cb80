import { auditEvents } from "../db/schema.ts";
import type { Transaction } from "../records/patient-version.ts";
import { birthDateOf } from "./birth-date.ts";
import type { SkippedEntry } from "./bundle-reader.ts";
import type { LinkedAccount } from "./import-account.ts";
import { describeName } from "./import-matching.ts";
import type { ExistingRow, ImportState, WrittenRow } from "./import-state.ts";
import { patientNameOf } from "./patient-name.ts";

export interface ImportedPatient {
  id: string;
  name: string | null;
  birthDate: string | null;
  /** new: not in Hearth before; existing: matched by id or identifier; placeholder: new, and the
   * file has no Patient resource for it (only references to it, or `--account` alone). */
  outcome: "new" | "existing" | "placeholder";
  account: string | null;
}

export interface ImportReport {
  description: string;
  patients: ImportedPatient[];
  /** Resources in the file now stored, by resourceType (a directory entry counts once). */
  counts: Record<string, number>;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** Resources kept as directory entries because the file names no patient. */
  directory: number;
  /** The username of an account `--account` created (it has no password until activated). */
  accountCreated: string | null;
  skipped: SkippedEntry[];
}

/** One audit event per patient whose record this import changed (HIPAA §164.312(b)). */
export async function audit(
  tx: Transaction,
  written: WrittenRow[],
  tombstones: ExistingRow[],
  versions: Map<string, number>,
): Promise<void> {
  const events = [...versions].map(([patientId, version]) => {
    const mine = written.filter((w) => w.owner === patientId && w.changed);
    return {
      actorId: null,
      action: "record.import",
      outcome: "success" as const,
      patientId,
      details: {
        version,
        created: mine.filter((w) => !w.existing).length,
        updated: mine.filter((w) => w.existing).length,
        deleted: tombstones.filter((t) => t.patientId === patientId).length,
      },
    };
  });
  if (events.length) await tx.insert(auditEvents).values(events);
}

export function report(
  state: ImportState,
  written: WrittenRow[],
  tombstones: ExistingRow[],
  account: LinkedAccount | undefined,
): ImportReport {
  const counts: Record<string, number> = {};
  for (const planned of state.plan.entries) counts[planned.type] = (counts[planned.type] ?? 0) + 1;
  return {
    description: state.plan.description,
    patients: state.filePatients.map((p) => {
      const latest = p.persons.flatMap((person) => person.patientEntries).at(-1)?.entry.resource;
      return {
        id: p.id,
        name: latest ? patientNameOf(latest) : (p.stored?.name ?? describeName(p)),
        birthDate: latest ? birthDateOf(latest) : null,
        outcome: p.stored ? "existing" : latest ? "new" : "placeholder",
        account: p.accountId && account && p.accountId === account.id ? account.username : null,
      };
    }),
    counts,
    created: written.filter((w) => !w.existing).length,
    updated: written.filter((w) => w.existing && w.changed).length,
    unchanged: written.filter((w) => !w.changed).length,
    deleted: tombstones.length,
    directory: written.filter((w) => w.owner === null).length,
    accountCreated: account?.created ? account.username : null,
    skipped: [...state.plan.skipped].sort((a, b) => a.position - b.position),
  };
}
