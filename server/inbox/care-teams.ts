import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { careTeamSystem } from "../../shared/contracts/inbox.ts";
import type { Database } from "../db/open.ts";
import { careTeamMembers, careTeamPatients, careTeams, resources, users } from "../db/schema.ts";
import { contentHashOf } from "../fhir/identity.ts";
import { indexColumnsOf } from "../fhir/index-columns.ts";
import { writePatientData } from "../records/patient-version.ts";

/**
 * Makes a care team of these clinicians and answers its id.
 *
 * @example const teamId = await createCareTeam(db, "Diabetes care team", [drLee.id]);
 */
export async function createCareTeam(
  db: Database,
  name: string,
  memberIds: readonly string[],
): Promise<string> {
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(careTeams).values({ name }).returning({ id: careTeams.id });
    if (!team) throw new Error("care team not created");
    if (memberIds.length > 0) {
      await tx
        .insert(careTeamMembers)
        .values(memberIds.map((userId) => ({ careTeamId: team.id, userId })));
    }
    return team.id;
  });
}

/**
 * The team now serves the patient: its clinicians can reach the patient's threads, and a FHIR
 * CareTeam joins the patient's record, which is how the patient's device learns whom they can
 * write to (its identifier of `careTeamSystem` is the team's id). Idempotent.
 */
export async function addPatientToCareTeam(
  db: Database,
  careTeamId: string,
  patientId: string,
): Promise<void> {
  await writePatientData(db, patientId, async (tx, version) => {
    const resourceId = randomUUID();
    const added = await tx
      .insert(careTeamPatients)
      .values({ careTeamId, patientId, resourceId })
      .onConflictDoNothing()
      .returning({ resourceId: careTeamPatients.resourceId });
    if (added.length === 0) return;
    const [team] = await tx.select().from(careTeams).where(eq(careTeams.id, careTeamId));
    if (!team) throw new Error(`No care team ${careTeamId}`);
    const members = await tx
      .select({ name: users.displayName })
      .from(careTeamMembers)
      .innerJoin(users, eq(users.id, careTeamMembers.userId))
      .where(eq(careTeamMembers.careTeamId, careTeamId))
      .orderBy(users.displayName);
    const resource = {
      resourceType: "CareTeam",
      id: resourceId,
      identifier: [{ system: careTeamSystem, value: careTeamId }],
      status: "active",
      name: team.name,
      subject: { reference: `Patient/${patientId}` },
      participant: members.map((member) => ({ member: { display: member.name } })),
    };
    await tx.insert(resources).values({
      id: resourceId,
      patientId,
      resourceType: "CareTeam",
      resource,
      sourceKey: `inbox-care-team:${careTeamId}`,
      contentHash: contentHashOf(resource),
      ...indexColumnsOf(resource),
      version,
    });
  });
}

/** Whether `careTeamId` serves the patient (a new thread may only go to such a team). */
export async function servesPatient(
  db: Database,
  careTeamId: string,
  patientId: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: careTeamPatients.careTeamId })
    .from(careTeamPatients)
    .where(
      and(
        eq(careTeamPatients.careTeamId, careTeamId),
        inArray(careTeamPatients.patientId, [patientId]),
      ),
    );
  return rows.length > 0;
}
