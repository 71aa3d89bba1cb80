import type {
  AccessBasis,
  AccountActivity,
  AccountContact,
  AccountSession,
  RecordActivity,
  SignInActivity,
} from "../../../shared/contracts/account.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { type ApiResult, request } from "../../api/request.ts";

// The account security page's calls (server/routes/account.ts). Here rather than in client/api:
// only these pages use them, and client/api is part of every page's first download.

const text = (value: unknown): value is string => typeof value === "string";
const textOrNull = (value: unknown): value is string | null => value === null || text(value);

function readSession(value: unknown): AccountSession | undefined {
  if (!isRecord(value)) return undefined;
  const { id, browser, system, signedInAt, lastActiveAt, current, waitingForSecondStep } = value;
  return text(id) &&
    textOrNull(browser) &&
    textOrNull(system) &&
    text(signedInAt) &&
    text(lastActiveAt) &&
    typeof current === "boolean" &&
    typeof waitingForSecondStep === "boolean"
    ? { id, browser, system, signedInAt, lastActiveAt, current, waitingForSecondStep }
    : undefined;
}

/** Every list entry must fit the contract, or the whole answer is SRV-501. */
function listOf<T>(value: unknown, read: (item: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map(read);
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}

export function fetchSessions(): Promise<ApiResult<AccountSession[]>> {
  return request({
    method: "GET",
    path: "/api/account/sessions",
    read: (json) => (isRecord(json) ? listOf(json.sessions, readSession) : undefined),
  });
}

export function endSession(id: string): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/account/sessions/end", body: { id } });
}

export function endOtherSessions(): Promise<ApiResult<number>> {
  return request({
    method: "POST",
    path: "/api/account/sessions/end-others",
    body: {},
    read: (json) => (isRecord(json) && typeof json.ended === "number" ? json.ended : undefined),
  });
}

export function fetchContact(): Promise<ApiResult<AccountContact>> {
  return request({
    method: "GET",
    path: "/api/account/contact",
    read: (json) =>
      isRecord(json) && textOrNull(json.email) && textOrNull(json.phone)
        ? { email: json.email, phone: json.phone }
        : undefined,
  });
}

/** Answers 401 AUTH-108 when the password was last typed over five minutes ago. */
export function changePassword(newPassword: string): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/account/password", body: { newPassword } });
}

export function changeEmail(email: string): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/account/email", body: { email } });
}

export function changePhone(phone: string): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/account/phone", body: { phone } });
}

const openedActions: readonly RecordActivity["action"][] = [
  "read",
  "list",
  "sync",
  "export",
  "messages",
  "appointments",
  "account",
];
const accessBases: readonly AccessBasis[] = ["care-team", "support-request", "record-access"];

export function fetchActivity(): Promise<ApiResult<AccountActivity>> {
  return request({
    method: "GET",
    path: "/api/account/activity",
    read: (json) => {
      if (!isRecord(json)) return undefined;
      const signIns = listOf<SignInActivity>(json.signIns, (item) =>
        isRecord(item) &&
        text(item.at) &&
        (item.outcome === "success" || item.outcome === "failure") &&
        textOrNull(item.method) &&
        textOrNull(item.browser) &&
        textOrNull(item.system)
          ? {
              at: item.at,
              outcome: item.outcome,
              method: item.method,
              browser: item.browser,
              system: item.system,
            }
          : undefined,
      );
      const recordViews = listOf<RecordActivity>(json.recordViews, (item) =>
        isRecord(item) &&
        text(item.at) &&
        text(item.who) &&
        text(item.role) &&
        openedActions.includes(item.action as RecordActivity["action"]) &&
        accessBases.includes(item.basis as AccessBasis)
          ? {
              at: item.at,
              who: item.who,
              role: item.role,
              action: item.action as RecordActivity["action"],
              basis: item.basis as AccessBasis,
            }
          : undefined,
      );
      return signIns && recordViews ? { signIns, recordViews } : undefined;
    },
  });
}
