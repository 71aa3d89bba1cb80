import * as v from "valibot";
import type { ErrorCode } from "../errors.ts";
import { textProblem } from "./free-text.ts";

/**
 * Secure messaging between patients and their care team (ADR 16;
 * docs/decisions/0016-messaging.md). Patients write through the device's outbox (the
 * `message.send` and `message.markRead` mutations of shared/contracts/sync.ts) and read from
 * the device, where each message is a FHIR Communication; clinicians use the inbox API below.
 */

/** Shown beside the fields, and enforced by the server (MSG-911, MSG-913). */
export const inboxLimits = { subject: 120, body: 4000 } as const;

/** The controls that could reorder text around them; shown as visible marks, never obeyed. */
export const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;

/** Trimmed as stored: leading and trailing blank lines carry nothing. */
export function normaliseText(text: string): string {
  return text.trim();
}

/** Length as a person counts it (code points), so an emoji is one, not two. */
export function textLength(text: string): number {
  return [...text].length;
}

/**
 * Why a message body cannot be sent, or null. The same check runs on the device before the
 * message is queued and on the server (docs/abuse-cases.md 10: the server never trusts the device).
 *
 * A control character (NUL above all) is REQ-307; spaces and invisible characters alone
 * (shared/contracts/free-text.ts) are MSG-910.
 *
 * @example checkBody("   \u200B ") // "MSG-910"
 */
export function checkBody(body: string): ErrorCode | null {
  const text = normaliseText(body);
  const problem = textProblem(text);
  if (problem) return problem === "control" ? "REQ-307" : "MSG-910";
  if (textLength(text) > inboxLimits.body) return "MSG-911";
  return null;
}

/** Why a subject cannot be used, or null. */
export function checkSubject(subject: string): ErrorCode | null {
  const text = normaliseText(subject);
  const problem = textProblem(text);
  if (problem) return problem === "control" ? "REQ-307" : "MSG-912";
  if (textLength(text) > inboxLimits.subject) return "MSG-913";
  return null;
}

/**
 * How a message is carried in the record (FHIR R4 Communication): the thread is
 * `topic.coding` with this system (its code the thread id, its text the subject), so the
 * device can group messages and the export keeps the conversation together.
 */
export const threadSystem = "https://hearth.example/fhir/inbox-thread";
/** `CareTeam.identifier` system whose value is the care team's id (what `careTeamId` names). */
export const careTeamSystem = "https://hearth.example/fhir/care-team";
/** `Communication.extension` saying whether the thread is still open ("open" | "closed"). */
export const threadStatusExtension = "https://hearth.example/fhir/inbox-thread-status";
/** `Communication.extension` saying which side wrote it ("patient" | "care-team"). */
export const authorSideExtension = "https://hearth.example/fhir/inbox-author-side";

export type ThreadStatus = "open" | "closed";
export type AuthorSide = "patient" | "care-team";

/** `message.send`: a new message, in an existing thread or (with team and subject) a new one. */
export interface SendMessageArgs {
  messageId: string;
  threadId: string;
  body: string;
  /** Only to start a thread: the team written to, and what it is about. */
  careTeamId?: string;
  subject?: string;
}

/** `message.markRead`: the care team's messages the patient has now seen. */
export interface MarkReadArgs {
  threadId: string;
  messageIds: string[];
}

/** At most this many messages marked read in one mutation; a longer thread sends several. */
export const markReadMaxIds = 200;

const uuid = v.pipe(v.string(), v.uuid());

/**
 * The arguments' shape (length and emptiness are the MSG codes, checked by the handler, so the
 * person hears "too long" rather than "invalid"). Strings are capped far above the limits, only
 * so a hostile device cannot make the server digest megabytes.
 */
export const sendMessageArgs = v.strictObject({
  messageId: uuid,
  threadId: uuid,
  body: v.pipe(v.string(), v.maxLength(inboxLimits.body * 4)),
  careTeamId: v.optional(uuid),
  subject: v.optional(v.pipe(v.string(), v.maxLength(inboxLimits.subject * 4))),
});

export const markReadArgs = v.strictObject({
  threadId: uuid,
  messageIds: v.pipe(v.array(uuid), v.minLength(1), v.maxLength(markReadMaxIds)),
});

/** `POST /api/inbox/threads/:id/replies`: a clinician's reply; the id is made by the page. */
export const replyRequest = v.strictObject({
  id: uuid,
  body: v.pipe(v.string(), v.maxLength(inboxLimits.body * 4)),
});
export type ReplyRequest = v.InferOutput<typeof replyRequest>;

/** One thread in a clinician's inbox (`GET /api/inbox/threads`). */
export interface InboxThreadSummary {
  id: string;
  patientId: string;
  patientName: string | null;
  careTeamName: string;
  subject: string;
  status: ThreadStatus;
  awaitingReply: boolean;
  /** The patient's messages no one on the care team has read yet. */
  unread: number;
  lastMessageAt: string;
}

export interface InboxThreadList {
  threads: InboxThreadSummary[];
}

export interface InboxMessage {
  id: string;
  authorSide: AuthorSide;
  authorName: string;
  body: string;
  createdAt: string;
  /** Read by the other side (the patient for a care-team message, and the reverse). */
  readAt: string | null;
}

/** A thread with its messages, oldest first (`GET /api/inbox/threads/:id`). */
export interface InboxThread extends InboxThreadSummary {
  messages: InboxMessage[];
}

/** `GET /api/inbox/summary`: for the navigation's count. */
export interface InboxSummary {
  unreadThreads: number;
}

/** The inbox's mutations, merged into `MutationArgsByName` (shared/contracts/sync.ts). */
export interface InboxMutationArgs {
  "message.send": SendMessageArgs;
  "message.markRead": MarkReadArgs;
}

/** Their checks, merged into `mutationArgs` (shared/contracts/sync-schemas.ts). */
export const inboxMutationArgs = {
  "message.send": sendMessageArgs,
  "message.markRead": markReadArgs,
} satisfies { [N in keyof InboxMutationArgs]: v.GenericSchema<unknown, InboxMutationArgs[N]> };
