import type { SignInAnswer, SignInRequest } from "../../shared/contracts/auth.ts";
import { type Me, type Role, roles } from "../../shared/contracts/me.ts";
import { type SecondStepMethod, secondStepMethods } from "../../shared/contracts/sign-in-limits.ts";
import { isRecord } from "../../shared/is-record.ts";
import { isLocale } from "../../shared/locales/index.ts";
import { type ApiResult, type RequestOptions, request } from "./request.ts";

/**
 * POST /api/auth/sign-in: the server sets the HttpOnly session cookie and answers `{ me }`,
 * or `{ secondStep }` when the account asks for a code next (the session is partial until then).
 */
export function signIn(
  body: SignInRequest,
  options?: RequestOptions,
): Promise<ApiResult<SignInAnswer<Me>>> {
  return request({ ...options, method: "POST", path: "/api/auth/sign-in", body, read: readAnswer });
}

/** `{ me }` or `{ secondStep: { methods } }`, checked against the contract. */
export function readAnswer(json: unknown): SignInAnswer<Me> | undefined {
  if (!isRecord(json)) return undefined;
  if (isRecord(json.secondStep) && Array.isArray(json.secondStep.methods)) {
    const methods = json.secondStep.methods.filter((m): m is SecondStepMethod =>
      (secondStepMethods as readonly unknown[]).includes(m),
    );
    return { secondStep: { methods } };
  }
  const me = readMe(json.me);
  return me ? { me } : undefined;
}

/** POST /api/auth/sign-out with an empty JSON body (state changes are always JSON): 204. */
export function signOut(options?: RequestOptions): Promise<ApiResult<undefined>> {
  return request({ ...options, method: "POST", path: "/api/auth/sign-out", body: {} });
}

/** GET /api/me: who is signed in, or AUTH-102. */
export function fetchMe(options?: RequestOptions): Promise<ApiResult<Me>> {
  return request({ ...options, method: "GET", path: "/api/me", read: readMe });
}

/** Checks an answer against the `Me` contract, so a wrong answer is SRV-501, not a crash. */
export function readMe(value: unknown): Me | undefined {
  if (!isRecord(value)) return undefined;
  const { id, username, displayName, role, locale } = value;
  const valid =
    typeof id === "string" &&
    id !== "" &&
    typeof username === "string" &&
    typeof displayName === "string" &&
    (roles as readonly unknown[]).includes(role) &&
    // Null until the person chooses a language (shared/contracts/me.ts).
    (locale === null || isLocale(locale));
  // A fresh object: nothing the contract does not name is kept on the device.
  if (!valid) return undefined;
  const me: Me = { id, username, displayName, role: role as Role, locale };
  // A temporary password from support: the app opens only the new-password page (SUP-107).
  if (value.mustChangePassword === true) me.mustChangePassword = true;
  return me;
}
