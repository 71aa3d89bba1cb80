import { isErrorCodeShape } from "../../shared/error-code-shape.ts";
import type { ErrorCode, FieldProblem } from "../../shared/errors.ts";
import { isRecord } from "../../shared/is-record.ts";

/** Every API call ends in one of these; failures always carry a catalog code. */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; fields?: FieldProblem[]; retryAfterSeconds?: number };

export interface RequestOptions {
  /** Where the API lives; "" (same origin) in the app, a test server's URL in tests. */
  baseUrl?: string;
  /** How long to wait for a complete answer before reporting NET-602. */
  timeoutMs?: number;
  /**
   * "omit" for calls that need no account (help, device checks): a half-finished sign-in's
   * cookie would otherwise get them refused (docs/decisions/0012-partial-sessions.md).
   */
  credentials?: "same-origin" | "omit";
}

/** Long enough for a slow mobile link, short enough that a person is not left waiting blind. */
const defaultTimeoutMs = 15_000;

interface Call<T> extends RequestOptions {
  method: "GET" | "POST";
  path: string;
  /** Sent as JSON. Every state change sends JSON: the server refuses anything else (SEC-202). */
  body?: unknown;
  /** Checks a successful answer's JSON; `undefined` means it is not what the contract says. */
  read?: (json: unknown) => T | undefined;
}

/**
 * Calls the API and turns every outcome into an `ApiResult`: the server's own error code, or
 * NET-601 (no network), NET-602 (timeout), SRV-502 (a gateway says the server is down) and
 * SRV-501 (anything that is not the answer the contract promises).
 *
 * @example
 * const result = await request({ method: "GET", path: "/api/me", read: readMe });
 * if (!result.ok) showError(result.code);
 */
export async function request<T>(call: Call<T>): Promise<ApiResult<T>> {
  // navigator.onLine === false is reliable (true is not): no need to wait for a timeout.
  if (typeof navigator !== "undefined" && navigator.onLine === false) return failure("NET-601");
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${call.baseUrl ?? ""}${call.path}`, {
      method: call.method,
      headers: {
        Accept: "application/json",
        ...(call.body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      credentials: call.credentials ?? "same-origin",
      // API answers are personal and live in Dexie, never in the HTTP cache.
      cache: "no-store",
      signal: AbortSignal.timeout(call.timeoutMs ?? defaultTimeoutMs),
    });
    // The timeout covers the body too: a stalled download is as bad as no answer.
    text = await response.text();
  } catch (error) {
    return failure(isTimeout(error) ? "NET-602" : "NET-601");
  }
  return readAnswer(response, text, call.read);
}

function readAnswer<T>(
  response: Response,
  text: string,
  read: ((json: unknown) => T | undefined) | undefined,
): ApiResult<T> {
  if (response.ok && !read) return { ok: true, data: undefined as T };
  const json = isJson(response) ? parseJson(text) : undefined;
  if (response.ok) {
    const data = json === undefined ? undefined : read?.(json);
    return data === undefined ? failure("SRV-501") : { ok: true, data };
  }
  const error = errorOf(json);
  if (error) return error;
  // Not our server's answer: a proxy or load balancer in between said no.
  return failure(gatewayStatuses.has(response.status) ? "SRV-502" : "SRV-501");
}

const gatewayStatuses: ReadonlySet<number> = new Set([502, 503, 504]);

function errorOf(json: unknown): ApiResult<never> | undefined {
  if (!isRecord(json) || !isRecord(json.error) || !isErrorCodeShape(json.error.code))
    return undefined;
  const { code, fields, retryAfterSeconds } = json.error;
  if (Array.isArray(fields)) return { ok: false, code, fields: fields.filter(isFieldProblem) };
  // A 429 says how long to wait, so the person can be told (AUTH-105).
  return typeof retryAfterSeconds === "number" && retryAfterSeconds > 0
    ? { ok: false, code, retryAfterSeconds }
    : failure(code);
}

function failure(code: ErrorCode): ApiResult<never> {
  return { ok: false, code };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function isJson(response: Response): boolean {
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(response.headers.get("Content-Type") ?? "");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const problems: ReadonlySet<string> = new Set([
  "required",
  "tooLong",
  "tooShort",
  "invalid",
  // A new password's (server/auth/password-policy.ts).
  "passwordTooShort",
  "passwordTooLong",
  "passwordCommon",
  "passwordLikeUsername",
]);

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && typeof value.field === "string" && problems.has(String(value.problem));
}
