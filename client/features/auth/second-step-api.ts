import type {
  CodeChannel,
  CodeSent,
  SecondStepMethod,
  SignInAnswer,
} from "../../../shared/contracts/auth.ts";
import type { Me } from "../../../shared/contracts/me.ts";
import { secondStepMethods } from "../../../shared/contracts/sign-in-limits.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { readAnswer } from "../../api/auth.ts";
import { type ApiResult, request } from "../../api/request.ts";

// Here rather than in client/api: only the second-step page uses these, and client/api is part
// of every page's first download (vite.config.ts, the "boot" chunk).

/** GET /api/auth/second-step: which second steps this sign-in may use; AUTH-102 if none is under way. */
export function fetchSecondStepMethods(): Promise<ApiResult<SecondStepMethod[]>> {
  return request({
    method: "GET",
    path: "/api/auth/second-step",
    read: (json) =>
      isRecord(json) && Array.isArray(json.methods)
        ? json.methods.filter((m): m is SecondStepMethod =>
            (secondStepMethods as readonly unknown[]).includes(m),
          )
        : undefined,
  });
}

/** POST /api/auth/second-step/{totp|recovery-code}: `{ me }` with a new, full session. */
export function sendSecondStepCode(
  method: "totp" | "recovery-code",
  code: string,
): Promise<ApiResult<SignInAnswer<Me>>> {
  return request({
    method: "POST",
    path: `/api/auth/second-step/${method}`,
    body: { code },
    read: readAnswer,
  });
}

/** Reads a `CodeSent` answer (where the code went, when a new one may be asked for). */
export function readCodeSent(json: unknown): CodeSent | undefined {
  if (!isRecord(json)) return undefined;
  const { channel, to, resendAfterSeconds } = json;
  return (channel === "email" || channel === "sms") &&
    typeof to === "string" &&
    typeof resendAfterSeconds === "number"
    ? { channel, to, resendAfterSeconds }
    : undefined;
}

/** POST /api/auth/second-step/send-code: a code to the account's email or phone. */
export function requestSignInCode(channel: CodeChannel): Promise<ApiResult<CodeSent>> {
  return request({
    method: "POST",
    path: "/api/auth/second-step/send-code",
    body: { channel },
    read: readCodeSent,
  });
}

/** POST /api/auth/second-step/sent-code: the code from the email or SMS; `{ me }` on success. */
export function sendSentCode(code: string): Promise<ApiResult<SignInAnswer<Me>>> {
  return request({
    method: "POST",
    path: "/api/auth/second-step/sent-code",
    body: { code },
    read: readAnswer,
  });
}
