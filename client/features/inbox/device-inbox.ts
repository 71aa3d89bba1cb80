import {
  type AuthorSide,
  authorSideExtension,
  careTeamSystem,
  type MarkReadArgs,
  type SendMessageArgs,
  type ThreadStatus,
  threadStatusExtension,
  threadSystem,
} from "../../../shared/contracts/inbox.ts";
import type { ErrorCode } from "../../../shared/errors.ts";
import type { DeviceResource, OutboxEntry } from "../../local/user-database.ts";

/** One message as the device shows it: from the record, or still in the outbox. */
export interface DeviceMessage {
  id: string;
  side: AuthorSide;
  authorName: string;
  body: string;
  /** When the server received it; null while it is still on the device. */
  sentAt: string | null;
  /** When the other side read it. */
  readAt: string | null;
  /** `sent` once in the record; `pending` or `rejected` while in the outbox. */
  state: "sent" | "pending" | "rejected";
  code?: ErrorCode;
  /** The outbox entry and what it sends, for Retry and Edit. */
  seq?: number;
  args?: SendMessageArgs;
  /** A care-team message the patient has not read (nor is about to mark read). */
  unread: boolean;
}

export interface DeviceThread {
  id: string;
  subject: string;
  status: ThreadStatus;
  careTeamName: string;
  messages: DeviceMessage[];
  unread: number;
  /** The latest message's time, or when the first unsent one was written. */
  lastAt: string;
}

/** A care team the patient may write to, from the FHIR CareTeam in their record. */
export interface DeviceCareTeam {
  id: string;
  name: string;
  members: string[];
}

type Fhir = DeviceResource["resource"];

function extension(resource: Fhir, url: string): string | undefined {
  const found = (
    resource.extension as Array<{ url?: string; valueCode?: string }> | undefined
  )?.find((e) => e.url === url);
  return found?.valueCode;
}

function threadIdOf(resource: Fhir): string | undefined {
  const topic = resource.topic as
    | { coding?: Array<{ system?: string; code?: string }> }
    | undefined;
  return topic?.coding?.find((c) => c.system === threadSystem)?.code;
}

/** The care teams in the record (FHIR CareTeam with Hearth's care-team identifier). */
export function careTeamsOf(resources: readonly DeviceResource[]): DeviceCareTeam[] {
  return resources.flatMap((row) => {
    const r = row.resource;
    const ids = r.identifier as Array<{ system?: string; value?: string }> | undefined;
    const id = ids?.find((i) => i.system === careTeamSystem)?.value;
    if (r.resourceType !== "CareTeam" || !id || r.status === "inactive") return [];
    const participants =
      (r.participant as Array<{ member?: { display?: string } }> | undefined) ?? [];
    return [
      {
        id,
        name: typeof r.name === "string" ? r.name : "",
        members: participants.flatMap((p) => (p.member?.display ? [p.member.display] : [])),
      },
    ];
  });
}

/**
 * The patient's inbox as this device knows it: the Communications pulled into the record,
 * grouped by thread, plus what is still in the outbox — messages being sent (or refused), and
 * reads not yet told to the server, which already count as read here. Pure, so pages and
 * tests share it; newest activity first.
 */
export function buildThreads(
  communications: readonly DeviceResource[],
  careTeams: readonly DeviceCareTeam[],
  outbox: readonly OutboxEntry[],
): DeviceThread[] {
  const beingRead = new Set(
    outbox
      .filter((e) => e.name === "message.markRead" && e.state === "pending")
      .flatMap((e) => (e.args as MarkReadArgs).messageIds),
  );
  const threads = new Map<string, DeviceThread>();
  const sorted = [...communications].sort((a, b) =>
    String(a.resource.sent ?? "").localeCompare(String(b.resource.sent ?? "")),
  );
  for (const row of sorted) {
    const r = row.resource;
    const threadId = threadIdOf(r);
    if (r.resourceType !== "Communication" || !threadId) continue;
    const side = extension(r, authorSideExtension) === "care-team" ? "care-team" : "patient";
    const teamRecipient = (r.recipient as Array<{ display?: string }> | undefined)?.[0]?.display;
    const thread = threads.get(threadId) ?? {
      id: threadId,
      subject: String((r.topic as { text?: string } | undefined)?.text ?? ""),
      status: "open",
      careTeamName: "",
      messages: [],
      unread: 0,
      lastAt: String(r.sent ?? ""),
    };
    // The latest message carries the thread's latest state.
    thread.status = extension(r, threadStatusExtension) === "closed" ? "closed" : "open";
    if (side === "patient" && teamRecipient) thread.careTeamName = teamRecipient;
    const readAt = typeof r.received === "string" ? r.received : null;
    const unread = side === "care-team" && !readAt && !beingRead.has(row.id);
    thread.messages.push({
      id: row.id,
      side,
      authorName: String((r.sender as { display?: string } | undefined)?.display ?? ""),
      body: String(
        (r.payload as Array<{ contentString?: string }> | undefined)?.[0]?.contentString ?? "",
      ),
      sentAt: typeof r.sent === "string" ? r.sent : null,
      readAt,
      state: "sent",
      unread,
    });
    if (unread) thread.unread++;
    thread.lastAt = String(r.sent ?? thread.lastAt);
    threads.set(threadId, thread);
  }
  const sent = new Set([...threads.values()].flatMap((t) => t.messages.map((m) => m.id)));
  for (const entry of outbox) {
    if (entry.name !== "message.send") continue;
    const args = entry.args as SendMessageArgs;
    if (sent.has(args.messageId)) continue;
    const thread = threads.get(args.threadId) ?? {
      id: args.threadId,
      subject: args.subject ?? "",
      status: "open" as const,
      careTeamName: careTeams.find((team) => team.id === args.careTeamId)?.name ?? "",
      messages: [],
      unread: 0,
      lastAt: entry.createdAt,
    };
    thread.messages.push({
      id: args.messageId,
      side: "patient",
      authorName: "",
      body: args.body,
      sentAt: null,
      readAt: null,
      state: entry.state,
      ...(entry.code ? { code: entry.code } : {}),
      ...(entry.seq !== undefined ? { seq: entry.seq } : {}),
      args,
      unread: false,
    });
    if (entry.createdAt > thread.lastAt) thread.lastAt = entry.createdAt;
    threads.set(args.threadId, thread);
  }
  return [...threads.values()].sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}
