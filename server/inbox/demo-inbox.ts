import { eq, inArray } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import {
  careTeamMembers,
  careTeams,
  inboxMessages,
  inboxThreads,
  patients,
  users,
} from "../db/schema.ts";
import { writePatientData } from "../records/patient-version.ts";
import { addPatientToCareTeam, createCareTeam } from "./care-teams.ts";
import { projectMessages } from "./communication.ts";
import { storeMessage } from "./messages.ts";

export const demoCareTeamName = "Diabetes care team";

const day = 86_400_000;

/**
 * The demo's messaging: `ana`'s care team with `dr.lee` in it, one conversation already
 * answered and read, and one waiting for Dr. Lee's reply. Run after `ana` has her record.
 * Idempotent: a team of that name with Dr. Lee in it means it was done.
 */
export async function seedDemoInbox(db: Database, now = new Date()): Promise<string> {
  const people = await db
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(users.username, ["ana", "dr.lee"]));
  const ana = people.find((p) => p.username === "ana");
  const lee = people.find((p) => p.username === "dr.lee");
  if (!ana || !lee) return "Messages: demo accounts missing, skipped";
  const [record] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.accountId, ana.id));
  if (!record) return "Messages: ana has no record yet, skipped";
  const existing = await db
    .select({ id: careTeams.id })
    .from(careTeams)
    .innerJoin(careTeamMembers, eq(careTeamMembers.careTeamId, careTeams.id))
    .where(eq(careTeamMembers.userId, lee.id));
  if (existing.length > 0) return "Messages: demo care team already present";

  const teamId = await createCareTeam(db, demoCareTeamName, [lee.id]);
  await addPatientToCareTeam(db, teamId, record.id);
  const conversations = [
    {
      subject: "Metformin with breakfast?",
      daysAgo: 6,
      messages: [
        {
          side: "patient" as const,
          text: "Should I take metformin before or after breakfast? It upsets my stomach.",
        },
        {
          side: "care-team" as const,
          text: "Take it with the meal, not before. If your stomach is still upset after two weeks, write to us again.",
        },
      ],
      read: true,
    },
    {
      subject: "Blood test form",
      daysAgo: 1,
      messages: [
        { side: "patient" as const, text: "Do I need to fast before the blood test next week?" },
      ],
      read: false,
    },
  ];
  for (const conversation of conversations) {
    const threadId = crypto.randomUUID();
    const start = new Date(now.getTime() - conversation.daysAgo * day);
    await writePatientData(db, record.id, async (tx, version) => {
      const [thread] = await tx
        .insert(inboxThreads)
        .values({
          id: threadId,
          patientId: record.id,
          careTeamId: teamId,
          subject: conversation.subject,
          startedBy: ana.id,
          createdAt: start,
          lastMessageAt: start,
        })
        .returning();
      if (!thread) throw new Error("demo thread not created");
      let at = start.getTime();
      for (const message of conversation.messages) {
        const author = message.side === "patient" ? ana : lee;
        await storeMessage(
          tx,
          thread,
          {
            id: crypto.randomUUID(),
            authorId: author.id,
            authorName: author.name,
            side: message.side,
            body: message.text,
          },
          new Date(at),
        );
        at += 3 * 3_600_000;
      }
      if (conversation.read) {
        await tx
          .update(inboxMessages)
          .set({ readByPatientAt: new Date(at) })
          .where(eq(inboxMessages.threadId, threadId));
      }
      await projectMessages(tx, version, threadId, now);
    });
  }
  return `Messages: ${demoCareTeamName} (Dr. Jordan Lee) serves Ana Rivera, ${conversations.length} conversations`;
}
