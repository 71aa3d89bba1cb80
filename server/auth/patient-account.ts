import { eq } from "drizzle-orm";
import { users } from "../db/schema.ts";
import { ImportRefusedError } from "../fhir/import-refused.ts";
import type { Transaction } from "../records/patient-version.ts";
import { normalisedName } from "./account-named.ts";
import type { User } from "./session.ts";
import { usernameColumns } from "./username-skeleton.ts";

/** The username an import's `--account` names, as accounts store it; refuses one no account could have. */
export function patientUsername(typed: string): string {
  const name = normalisedName(typed);
  if (!name || name.length > 64) throw new ImportRefusedError(`"${typed}" is not a username`);
  return name;
}

/**
 * The patient account an import links a record to, created when there is none yet. Refuses a
 * new name that looks like an existing account's (ADR 31) and an account that is not a patient's.
 */
export async function patientAccount(
  tx: Transaction,
  name: string,
  displayName: string,
): Promise<{ user: User; created: boolean }> {
  let [user] = await tx.select().from(users).where(eq(users.username, name));
  let created = false;
  if (!user) {
    const names = usernameColumns(name);
    const [lookAlike] = await tx
      .select({ username: users.username })
      .from(users)
      .where(eq(users.usernameSkeleton, names.usernameSkeleton));
    if (lookAlike) {
      throw new ImportRefusedError(
        `"${name}" looks like the existing account "${lookAlike.username}": choose another username`,
      );
    }
    // No password: the account cannot be signed in to until it is activated.
    [user] = await tx
      .insert(users)
      .values({ ...names, displayName, role: "patient", passwordHash: "!" })
      .returning();
    created = true;
  }
  if (!user) throw new Error("the account could not be created");
  if (user.role !== "patient") {
    throw new ImportRefusedError(`account "${name}" is a ${user.role} account, not a patient's`);
  }
  return { user, created };
}
