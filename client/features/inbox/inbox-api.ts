import type {
  InboxSummary,
  InboxThread,
  InboxThreadList,
  ReplyRequest,
} from "../../../shared/contracts/inbox.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { request } from "../../api/request.ts";

/** The clinicians' inbox API (server/routes/inbox.ts): online, never stored on the device. */
export function fetchThreads() {
  return request<InboxThreadList>({
    method: "GET",
    path: "/api/inbox/threads",
    read: (json) =>
      isRecord(json) && Array.isArray(json.threads)
        ? (json as unknown as InboxThreadList)
        : undefined,
  });
}

export function fetchInboxSummary() {
  return request<InboxSummary>({
    method: "GET",
    path: "/api/inbox/summary",
    read: (json) =>
      isRecord(json) && typeof json.unreadThreads === "number"
        ? (json as unknown as InboxSummary)
        : undefined,
  });
}

function readThread(json: unknown): InboxThread | undefined {
  return isRecord(json) && typeof json.id === "string" && Array.isArray(json.messages)
    ? (json as unknown as InboxThread)
    : undefined;
}

export function fetchThread(id: string) {
  return request<InboxThread>({
    method: "GET",
    path: `/api/inbox/threads/${encodeURIComponent(id)}`,
    read: readThread,
  });
}

/** A reply; `body.id` is made once per draft, so sending it again cannot store it twice. */
export function postReply(threadId: string, body: ReplyRequest) {
  return request<InboxThread>({
    method: "POST",
    path: `/api/inbox/threads/${encodeURIComponent(threadId)}/replies`,
    body,
    read: readThread,
  });
}

export function closeThread(threadId: string) {
  return request<InboxThread>({
    method: "POST",
    path: `/api/inbox/threads/${encodeURIComponent(threadId)}/close`,
    body: {},
    read: readThread,
  });
}

export function markThreadRead(threadId: string) {
  return request<InboxThread>({
    method: "POST",
    path: `/api/inbox/threads/${encodeURIComponent(threadId)}/read`,
    body: {},
    read: readThread,
  });
}
