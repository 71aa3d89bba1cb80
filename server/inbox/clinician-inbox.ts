import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import type {
  InboxMessage,
  InboxThread,
  InboxThreadSummary,
} from "../../shared/contracts/inbox.ts";
import type { User } from "../auth/session.ts";
import { inboxThreadsVisibleTo } from "../authorization.ts";
import type { Database } from "../db/open.ts";
import { careTeams, inboxMessages, inboxThreads, patients } from "../db/schema.ts";

type Clinician = Pick<User, "id" | "role">;

/**
 * The threads a clinician may reach (`inboxThreadsVisibleTo`), in the order they should be
 * answered: those awaiting a reply first, oldest first (ADR 16: the patient who has waited
 * longest), then open answered threads, then closed ones, most recent first.
 */
export async function listThreads(db: Database, user: Clinician): Promise<InboxThreadSummary[]> {
  const unread = db
    .select({ threadId: inboxMessages.threadId, n: count().as("n") })
    .from(inboxMessages)
    .where(and(eq(inboxMessages.authorSide, "patient"), isNull(inboxMessages.readByTeamAt)))
    .groupBy(inboxMessages.threadId)
    .as("unread");
  const rows = await db
    .select({
      thread: inboxThreads,
      patientName: patients.name,
      careTeamName: careTeams.name,
      unread: unread.n,
    })
    .from(inboxThreads)
    .innerJoin(patients, eq(patients.id, inboxThreads.patientId))
    .innerJoin(careTeams, eq(careTeams.id, inboxThreads.careTeamId))
    .leftJoin(unread, eq(unread.threadId, inboxThreads.id))
    .where(inArray(inboxThreads.id, inboxThreadsVisibleTo(db, user)))
    .orderBy(
      asc(inboxThreads.status),
      desc(inboxThreads.awaitingReply),
      asc(inboxThreads.lastMessageAt),
    );
  const summaries = rows.map((row) =>
    summaryOf(row.thread, row.patientName, row.careTeamName, Number(row.unread ?? 0)),
  );
  // Answered and closed threads: the latest activity is the one a clinician looks for.
  const waiting = summaries.filter((s) => s.status === "open" && s.awaitingReply);
  const rest = summaries
    .filter((s) => !(s.status === "open" && s.awaitingReply))
    .sort((a, b) =>
      a.status === b.status
        ? b.lastMessageAt.localeCompare(a.lastMessageAt)
        : a.status === "open"
          ? -1
          : 1,
    );
  return [...waiting, ...rest];
}

/** One thread with its messages, or undefined when the clinician may not reach it. */
export async function readThread(
  db: Database,
  user: Clinician,
  threadId: string,
): Promise<InboxThread | undefined> {
  const [row] = await db
    .select({ thread: inboxThreads, patientName: patients.name, careTeamName: careTeams.name })
    .from(inboxThreads)
    .innerJoin(patients, eq(patients.id, inboxThreads.patientId))
    .innerJoin(careTeams, eq(careTeams.id, inboxThreads.careTeamId))
    .where(
      and(eq(inboxThreads.id, threadId), inArray(inboxThreads.id, inboxThreadsVisibleTo(db, user))),
    );
  if (!row) return undefined;
  const messages = await db
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.threadId, threadId))
    .orderBy(asc(inboxMessages.createdAt), asc(inboxMessages.id));
  const unread = messages.filter((m) => m.authorSide === "patient" && !m.readByTeamAt).length;
  return {
    ...summaryOf(row.thread, row.patientName, row.careTeamName, unread),
    messages: messages.map(
      (m): InboxMessage => ({
        id: m.id,
        authorSide: m.authorSide,
        authorName: m.authorName,
        body: m.body,
        createdAt: m.createdAt.toISOString(),
        readAt:
          (m.authorSide === "patient" ? m.readByTeamAt : m.readByPatientAt)?.toISOString() ?? null,
      }),
    ),
  };
}

function summaryOf(
  thread: typeof inboxThreads.$inferSelect,
  patientName: string | null,
  careTeamName: string,
  unread: number,
): InboxThreadSummary {
  return {
    id: thread.id,
    patientId: thread.patientId,
    patientName,
    careTeamName,
    subject: thread.subject,
    status: thread.status,
    awaitingReply: thread.awaitingReply,
    unread,
    lastMessageAt: thread.lastMessageAt.toISOString(),
  };
}
