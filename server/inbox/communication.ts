import { and, asc, eq, inArray } from "drizzle-orm";
import {
  type AuthorSide,
  authorSideExtension,
  threadStatusExtension,
  threadSystem,
} from "../../shared/contracts/inbox.ts";
import {
  careTeamPatients,
  careTeams,
  inboxMessages,
  inboxThreads,
  resources,
} from "../db/schema.ts";
import type { StoredFhirResource } from "../db/schema-core.ts";
import { contentHashOf } from "../fhir/identity.ts";
import { indexColumnsOf } from "../fhir/index-columns.ts";
import type { Transaction } from "../records/patient-version.ts";

type Thread = typeof inboxThreads.$inferSelect;
type Message = typeof inboxMessages.$inferSelect;

/**
 * A message as a FHIR R4 Communication (hl7.org/fhir/R4/communication.html), the form it takes
 * in the patient's record: on their devices through the normal pull, and in the record export.
 * `received` is when the other side read it. The thread travels as `topic` (its id as a coding
 * of `threadSystem`, the subject as text), and its open/closed state and the author's side as
 * extensions, so a device can rebuild the inbox from these resources alone.
 */
export function communicationOf(
  thread: Thread,
  message: Message,
  careTeam: { name: string; resourceId: string | null },
): StoredFhirResource {
  const side: AuthorSide = message.authorSide;
  const patient = { reference: `Patient/${thread.patientId}` };
  const team = {
    ...(careTeam.resourceId ? { reference: `CareTeam/${careTeam.resourceId}` } : {}),
    display: careTeam.name,
  };
  const readAt = side === "patient" ? message.readByTeamAt : message.readByPatientAt;
  return {
    resourceType: "Communication",
    id: message.id,
    extension: [
      { url: threadStatusExtension, valueCode: thread.status },
      { url: authorSideExtension, valueCode: side },
    ],
    status: "completed",
    subject: patient,
    topic: { coding: [{ system: threadSystem, code: thread.id }], text: thread.subject },
    sent: message.createdAt.toISOString(),
    ...(readAt ? { received: readAt.toISOString() } : {}),
    sender:
      side === "patient"
        ? { ...patient, display: message.authorName }
        : { display: message.authorName },
    recipient: [side === "patient" ? team : patient],
    payload: [{ contentString: message.body }],
  };
}

/**
 * Writes (or rewrites) the Communications of a thread's messages at `version`, the patient's
 * version the caller took under the patient's row lock in `tx` (bumpPatientVersion), so the
 * patient's devices pull them in order. `only` limits it to some messages; otherwise all of the
 * thread's are rewritten (its state changed). `now` is the write's time, from the injected clock.
 */
export async function projectMessages(
  tx: Transaction,
  version: number,
  threadId: string,
  now: Date,
  only?: readonly string[],
): Promise<void> {
  const [found] = await tx
    .select({ thread: inboxThreads, name: careTeams.name, resourceId: careTeamPatients.resourceId })
    .from(inboxThreads)
    .innerJoin(careTeams, eq(careTeams.id, inboxThreads.careTeamId))
    .leftJoin(
      careTeamPatients,
      and(
        eq(careTeamPatients.careTeamId, inboxThreads.careTeamId),
        eq(careTeamPatients.patientId, inboxThreads.patientId),
      ),
    )
    .where(eq(inboxThreads.id, threadId));
  if (!found) return;
  const { thread } = found;
  const messages = await tx
    .select()
    .from(inboxMessages)
    .where(
      only
        ? and(eq(inboxMessages.threadId, threadId), inArray(inboxMessages.id, [...only]))
        : eq(inboxMessages.threadId, threadId),
    )
    .orderBy(asc(inboxMessages.createdAt));
  if (messages.length === 0) return;
  const rows = messages.map((message) => {
    const resource = communicationOf(thread, message, found);
    return {
      id: message.id,
      patientId: thread.patientId,
      resourceType: "Communication",
      resource,
      sourceKey: `inbox:${message.id}`,
      contentHash: contentHashOf(resource),
      ...indexColumnsOf(resource),
      version,
      deleted: false,
      updatedAt: now,
    };
  });
  for (const row of rows) {
    await tx
      .insert(resources)
      .values(row)
      .onConflictDoUpdate({
        target: resources.id,
        set: {
          resource: row.resource,
          contentHash: row.contentHash,
          version: row.version,
          deleted: false,
          updatedAt: row.updatedAt,
        },
        // Defence in depth: a message id is checked unused before it is stored (message-send),
        // so this can only ever rewrite the same patient's Communication.
        setWhere: and(
          eq(resources.patientId, row.patientId),
          eq(resources.resourceType, "Communication"),
        ),
      });
  }
}
