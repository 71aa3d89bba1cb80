import type {
  AuthenticatorEnrolment,
  AuthenticatorStatus,
  CodeChannel,
  CodeChannelStatus,
  CodeSent,
} from "../../../shared/contracts/auth.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { type ApiResult, request } from "../../api/request.ts";

// In the account feature rather than client/api: only these pages use them, and client/api is
// part of every page's first download (vite.config.ts, the "boot" chunk).

export function fetchAuthenticatorStatus(): Promise<ApiResult<AuthenticatorStatus>> {
  return request({
    method: "GET",
    path: "/api/account/authenticator",
    read: (json) =>
      isRecord(json) &&
      typeof json.enabled === "boolean" &&
      typeof json.recoveryCodesLeft === "number"
        ? { enabled: json.enabled, recoveryCodesLeft: json.recoveryCodesLeft }
        : undefined,
  });
}

export function startAuthenticator(): Promise<ApiResult<AuthenticatorEnrolment>> {
  return request({
    method: "POST",
    path: "/api/account/authenticator/start",
    body: {},
    read: (json) =>
      isRecord(json) &&
      typeof json.key === "string" &&
      typeof json.uri === "string" &&
      typeof json.qrSvg === "string"
        ? { key: json.key, uri: json.uri, qrSvg: json.qrSvg }
        : undefined,
  });
}

/** Confirms the app with a code; answers the ten recovery codes, shown once. */
export function confirmAuthenticator(code: string): Promise<ApiResult<string[]>> {
  return request({
    method: "POST",
    path: "/api/account/authenticator/confirm",
    body: { code },
    read: readCodes,
  });
}

export function replaceRecoveryCodes(): Promise<ApiResult<string[]>> {
  return request({
    method: "POST",
    path: "/api/account/authenticator/recovery-codes",
    body: {},
    read: readCodes,
  });
}

export function removeAuthenticator(): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/account/authenticator/remove", body: {} });
}

/** POST /api/auth/reauthenticate: the password again, before a security change (AUTH-108). */
export function reauthenticate(password: string): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/auth/reauthenticate", body: { password } });
}

function readCodes(json: unknown): string[] | undefined {
  if (!isRecord(json) || !Array.isArray(json.recoveryCodes)) return undefined;
  const codes = json.recoveryCodes.filter((c): c is string => typeof c === "string");
  return codes.length === json.recoveryCodes.length ? codes : undefined;
}

/** GET /api/account/code-channel: whether codes by email or SMS are on, and where they go. */
export function fetchCodeChannel(): Promise<ApiResult<CodeChannelStatus>> {
  return request({
    method: "GET",
    path: "/api/account/code-channel",
    read: (json) => {
      if (!isRecord(json)) return undefined;
      const { channel, email, phone } = json;
      const text = (v: unknown) => (typeof v === "string" ? v : null);
      return channel === null || channel === "email" || channel === "sms"
        ? { channel, email: text(email), phone: text(phone) }
        : undefined;
    },
  });
}

/** Sends a confirmation code to the email or phone on file (a recent password is needed). */
export function startCodeChannel(channel: CodeChannel): Promise<ApiResult<CodeSent>> {
  return request({
    method: "POST",
    path: "/api/account/code-channel/start",
    body: { channel },
    read: (json) =>
      isRecord(json) &&
      (json.channel === "email" || json.channel === "sms") &&
      typeof json.to === "string" &&
      typeof json.resendAfterSeconds === "number"
        ? { channel: json.channel, to: json.to, resendAfterSeconds: json.resendAfterSeconds }
        : undefined,
  });
}

/** Confirms with the code sent; answers new recovery codes when this is the first second step. */
export function confirmCodeChannel(code: string): Promise<ApiResult<string[]>> {
  return request({
    method: "POST",
    path: "/api/account/code-channel/confirm",
    body: { code },
    read: readCodes,
  });
}

export function removeCodeChannel(): Promise<ApiResult<undefined>> {
  return request({ method: "POST", path: "/api/account/code-channel/remove", body: {} });
}
