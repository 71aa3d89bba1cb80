import type {
  AccountAction,
  ActionAnswer,
  HelpRequestDetail,
  IdentityCheckDecided,
  IdentityCheckList,
  IdentityCheckRequest,
  PersonKind,
  PersonSearchResult,
  PersonState,
  Queue,
  QueueOrder,
  QueueStatus,
  VerificationAnswer,
  VerificationRequest,
} from "../../../shared/contracts/support.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { request } from "../../api/request.ts";

/**
 * The support console's calls (server/routes/support.ts). Online only, on purpose: an
 * account's state must be the server's current one before anyone acts on it, and none of it
 * belongs on a staff member's device.
 */

/** Accepts any JSON object: the server is ours and the contract is typed on both sides. */
function object<T>(json: unknown): T | undefined {
  return isRecord(json) ? (json as T) : undefined;
}

const segment = (kind: PersonKind) => (kind === "patient" ? "patients" : "accounts");

export function fetchQueue(status: QueueStatus, order: QueueOrder) {
  const query = new URLSearchParams({ status, order });
  return request<Queue>({ method: "GET", path: `/api/support/requests?${query}`, read: object });
}

export function fetchRequest(reference: string) {
  return request<HelpRequestDetail>({
    method: "GET",
    path: `/api/support/requests/${encodeURIComponent(reference)}`,
    read: object,
  });
}

export function markHandled(reference: string, handled: boolean) {
  return request<undefined>({
    method: "POST",
    path: `/api/support/requests/${encodeURIComponent(reference)}/handled`,
    body: { handled },
  });
}

export function searchPeople(query: { q: string } | { name: string; birthDate: string }) {
  return request<PersonSearchResult>({
    method: "GET",
    path: `/api/support/accounts?${new URLSearchParams(query)}`,
    read: object,
  });
}

export function fetchPerson(kind: PersonKind, id: string) {
  return request<PersonState>({
    method: "GET",
    path: `/api/support/${segment(kind)}/${encodeURIComponent(id)}`,
    read: object,
  });
}

export function verifyPerson(kind: PersonKind, id: string, body: VerificationRequest) {
  return request<VerificationAnswer>({
    method: "POST",
    path: `/api/support/${segment(kind)}/${encodeURIComponent(id)}/verification`,
    body,
    read: object,
  });
}

export function runAction(kind: PersonKind, id: string, action: AccountAction, reason: string) {
  return request<ActionAnswer>({
    method: "POST",
    path: `/api/support/${segment(kind)}/${encodeURIComponent(id)}/actions/${action}`,
    body: { reason },
    read: object,
  });
}

/** Records an identity check for someone who lost both contacts: pending until a colleague decides. */
export function recordIdentityCheck(id: string, body: IdentityCheckRequest) {
  return request<{ id: string; status: "pending" }>({
    method: "POST",
    path: `/api/support/accounts/${encodeURIComponent(id)}/identity-checks`,
    body,
    read: object,
  });
}

export function fetchIdentityChecks() {
  return request<IdentityCheckList>({
    method: "GET",
    path: "/api/support/identity-checks",
    read: object,
  });
}

export function decideIdentityCheck(id: string, approve: boolean, reason: string) {
  return request<IdentityCheckDecided>({
    method: "POST",
    path: `/api/support/identity-checks/${encodeURIComponent(id)}/decision`,
    body: { approve, reason },
    read: object,
  });
}

/** The page for a person, keeping the help request it was opened from. */
export function personHref(kind: PersonKind, id: string, reference?: string): string {
  const path = `/support/${segment(kind)}/${id}`;
  return reference ? `${path}?request=${encodeURIComponent(reference)}` : path;
}
