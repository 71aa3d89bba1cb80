import { eq } from "drizzle-orm";
import { hashPassword } from "../auth/password.ts";
import { usernameColumns } from "../auth/username-skeleton.ts";
import type { Database } from "../db/open.ts";
import { users } from "../db/schema.ts";
import { demoPassword } from "../db/seed.ts";
import { addPatientToCareTeam, createCareTeam } from "../inbox/care-teams.ts";
import { addPatientWithRecord, testBundle } from "./records.ts";

/**
 * For the inbox's tests: two patients with records (`pia`, `ben`), each served by their own
 * care team (`dr.pia` on Pia's, `dr.ben` on Ben's), and a clinician on no team (`dr.none`).
 * Every account has the demo password.
 */
export async function addInboxPeople(db: Database) {
  const piaPatient = await addPatientWithRecord(db, "pia", testBundle("urn-uuid"));
  const benPatient = await addPatientWithRecord(db, "ben", testBundle("contained"));
  const passwordHash = await hashPassword(demoPassword);
  const clinicians = await db
    .insert(users)
    .values(
      ["dr.pia", "dr.ben", "dr.none"].map((username) => ({
        ...usernameColumns(username),
        displayName: `Dr. ${username.slice(3)}`,
        role: "clinician" as const,
        passwordHash,
      })),
    )
    .returning({ id: users.id, username: users.username });
  const idOf = (username: string) => clinicians.find((c) => c.username === username)?.id as string;
  const piaTeam = await createCareTeam(db, "Pia's team", [idOf("dr.pia")]);
  const benTeam = await createCareTeam(db, "Ben's team", [idOf("dr.ben")]);
  await addPatientToCareTeam(db, piaTeam, piaPatient);
  await addPatientToCareTeam(db, benTeam, benPatient);
  const [pia] = await db.select().from(users).where(eq(users.username, "pia"));
  const [ben] = await db.select().from(users).where(eq(users.username, "ben"));
  return {
    piaPatient,
    benPatient,
    piaTeam,
    benTeam,
    pia: pia?.id as string,
    ben: ben?.id as string,
    drPia: idOf("dr.pia"),
  };
}

/** A `message.send` mutation as the device makes it. */
export function sendMutation(
  author: string,
  args: {
    threadId: string;
    body: string;
    careTeamId?: string;
    subject?: string;
    messageId?: string;
  },
  id: string = crypto.randomUUID(),
) {
  return {
    id,
    name: "message.send",
    args: { messageId: args.messageId ?? crypto.randomUUID(), ...args },
    author,
  };
}
