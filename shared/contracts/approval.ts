import * as v from "valibot";

/**
 * Sign-in approval from a device where the person is already signed in (ADR 22;
 * docs/decisions/0022-device-approval.md). The client imports only the types from here.
 */

/** How long a request may be answered: long enough to reach the other device, no longer. */
export const approvalLifetimeMs = 2 * 60_000;

/** Polled by signed-in devices; like the session-time question, not activity. */
export const approvalsPath = "/api/account/approvals";

/** What the new device's polling (`GET /api/auth/second-step/approval`) answers. */
export type ApprovalWait =
  /** No request yet: whether the account has another full session that could answer one. */
  { state: "none"; available: boolean } | { state: "pending"; number: number; expiresAt: string };

/** One request as a signed-in device sees it: who asks, and three numbers, one of them right. */
export interface ApprovalRequest {
  id: string;
  browser: string | null;
  system: string | null;
  createdAt: string;
  expiresAt: string;
  choices: number[];
}

export const approvalAnswer = v.strictObject({
  decision: v.picklist(["approve", "deny"]),
  number: v.optional(v.pipe(v.number(), v.integer(), v.minValue(10), v.maxValue(99))),
});
