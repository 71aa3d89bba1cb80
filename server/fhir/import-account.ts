import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { patientAccount, patientUsername } from "../auth/patient-account.ts";
import { patients } from "../db/schema.ts";
import { describeName, describePatient } from "./import-matching.ts";
import { ImportRefusedError } from "./import-refused.ts";
import { type ImportState, storedPatientColumns } from "./import-state.ts";

/** The account `--account` named; `created` when this import made it. */
export interface LinkedAccount {
  id: string;
  username: string;
  created: boolean;
}

/** `--account`: the file's one patient becomes (or already is) that account's record. */
export async function linkAccount(state: ImportState, username: string): Promise<LinkedAccount> {
  const name = patientUsername(username);
  if (state.filePatients.length > 1) {
    throw new ImportRefusedError(
      `--account links one patient, and this file has ${state.filePatients.length} (${state.filePatients.map((p) => describePatient(p)).join("; ")})`,
    );
  }
  const first = state.filePatients[0];
  const { user, created } = await patientAccount(
    state.tx,
    name,
    first ? (describeName(first) ?? name) : name,
  );
  const [own] = await state.tx
    .select(storedPatientColumns)
    .from(patients)
    .where(eq(patients.accountId, user.id));
  const filePatient = state.filePatients[0];
  if (!filePatient) {
    // A file that names no patient goes into the account's record.
    state.accountPatient = own
      ? { id: own.id, persons: [], stored: own, accountId: user.id }
      : { id: randomUUID(), persons: [], stored: undefined, accountId: user.id };
    state.filePatients.push(state.accountPatient);
    return { id: user.id, username: name, created };
  }
  if (own && filePatient.id !== own.id) {
    const ownIsEmpty = own.sourceKeys.length + own.identifierKeys.length === 0;
    if (filePatient.stored || !ownIsEmpty) {
      throw new ImportRefusedError(
        `account "${name}" already holds the record of ${own.name ?? "a patient"} (${own.id}); this file's patient, ${describePatient(filePatient)}, is someone else`,
      );
    }
    // The account's record so far came from files that named no patient: this one names it.
    filePatient.id = own.id;
    filePatient.stored = own;
  }
  if (filePatient.accountId && filePatient.accountId !== user.id) {
    throw new ImportRefusedError(
      `${describePatient(filePatient)} is already linked to another account`,
    );
  }
  filePatient.accountId = user.id;
  state.accountPatient = filePatient;
  return { id: user.id, username: name, created };
}
