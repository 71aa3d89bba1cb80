import type { ApprovalRequest, ApprovalWait } from "../../shared/contracts/approval.ts";
import type { Me } from "../../shared/contracts/me.ts";
import { isRecord } from "../../shared/is-record.ts";
import { readAnswer } from "./auth.ts";
import { type ApiResult, request } from "./request.ts";

// Only the second-step page and the signed-in watcher use these (both lazily loaded), so they
// stay out of the sign-in page's first download (docs/decisions/0022-device-approval.md).

/** The new device's view: no request yet (and whether one could be answered), waiting, or `me`. */
export type WaitAnswer = ApprovalWait | { me: Me };

function readWait(json: unknown): WaitAnswer | undefined {
  if (!isRecord(json)) return undefined;
  if (json.state === "none" && typeof json.available === "boolean") {
    return { state: "none", available: json.available };
  }
  if (
    json.state === "pending" &&
    typeof json.number === "number" &&
    typeof json.expiresAt === "string"
  ) {
    return { state: "pending", number: json.number, expiresAt: json.expiresAt };
  }
  const answer = readAnswer(json);
  return answer && "me" in answer ? answer : undefined;
}

/** GET /api/auth/second-step/approval: polled by the device signing in. */
export function pollApproval(): Promise<ApiResult<WaitAnswer>> {
  return request({ method: "GET", path: "/api/auth/second-step/approval", read: readWait });
}

/** POST /api/auth/second-step/approval: asks the person's signed-in devices. */
export function askForApproval(): Promise<ApiResult<WaitAnswer>> {
  return request({
    method: "POST",
    path: "/api/auth/second-step/approval",
    body: {},
    read: readWait,
  });
}

function readRequests(json: unknown): ApprovalRequest[] | undefined {
  if (!isRecord(json) || !Array.isArray(json.requests)) return undefined;
  return json.requests.filter(
    (r): r is ApprovalRequest =>
      isRecord(r) &&
      typeof r.id === "string" &&
      typeof r.createdAt === "string" &&
      typeof r.expiresAt === "string" &&
      Array.isArray(r.choices) &&
      r.choices.every((n) => typeof n === "number"),
  );
}

/** GET /api/account/approvals: sign-ins waiting for this person's answer. */
export function fetchApprovals(): Promise<ApiResult<ApprovalRequest[]>> {
  return request({ method: "GET", path: "/api/account/approvals", read: readRequests });
}

/** POST /api/account/approvals/:id: approve with the chosen number, or deny. */
export function answerApproval(
  id: string,
  answer: { decision: "approve"; number: number } | { decision: "deny" },
): Promise<ApiResult<{ state: "approved" | "denied" }>> {
  return request({
    method: "POST",
    path: `/api/account/approvals/${encodeURIComponent(id)}`,
    body: answer,
    read: (json) =>
      isRecord(json) && (json.state === "approved" || json.state === "denied")
        ? { state: json.state }
        : undefined,
  });
}
