import type {
  ActivationCheckRequest,
  ActivationFinishRequest,
  PasswordResetFinishRequest,
  RecoveryRequested,
} from "../../../shared/contracts/access.ts";
import type { SignInAnswer } from "../../../shared/contracts/auth.ts";
import type { Me } from "../../../shared/contracts/me.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { readAnswer } from "../../api/auth.ts";
import { type ApiResult, request } from "../../api/request.ts";

// The calls of the signed-out access pages (server/routes/activation.ts, recovery.ts). They
// send no cookie ("omit"): a half-finished sign-in's partial session would get them refused
// (docs/decisions/0012-partial-sessions.md). Only finishing activation keeps cookies, since its
// answer signs the person in.

export function checkActivation(body: ActivationCheckRequest): Promise<ApiResult<undefined>> {
  return request({
    method: "POST",
    path: "/api/access/activation/check",
    body,
    credentials: "omit",
  });
}

export function finishActivation(
  body: ActivationFinishRequest,
): Promise<ApiResult<SignInAnswer<Me>>> {
  return request({
    method: "POST",
    path: "/api/access/activation/finish",
    body,
    read: readAnswer,
  });
}

const readRequested = (json: unknown): RecoveryRequested | undefined =>
  isRecord(json) && typeof json.minutes === "number" ? { minutes: json.minutes } : undefined;

export function startPasswordReset(username: string): Promise<ApiResult<RecoveryRequested>> {
  return request({
    method: "POST",
    path: "/api/access/password-reset/start",
    body: { username },
    read: readRequested,
    credentials: "omit",
  });
}

export function finishPasswordReset(
  body: PasswordResetFinishRequest,
): Promise<ApiResult<undefined>> {
  return request({
    method: "POST",
    path: "/api/access/password-reset/finish",
    body,
    credentials: "omit",
  });
}

export function askForUsername(email: string): Promise<ApiResult<RecoveryRequested>> {
  return request({
    method: "POST",
    path: "/api/access/username-reminder",
    body: { email },
    read: readRequested,
    credentials: "omit",
  });
}
