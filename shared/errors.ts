/**
 * The one catalog of error codes (ARCHITECTURE.md, "Errors, help and support").
 *
 * A code is short enough to read out on the phone ("AUTH-101"). Each code has the HTTP status
 * the API answers with, and the help guide that resolves it. Its words live in
 * shared/locales/*.json under `errors.<code>.message` and `errors.<code>.action`, so a test can
 * prove that every code is explained in every language.
 *
 * Codes are stable: never renumber one; retire it instead.
 */
export const errorCatalog = {
  // Signing in and sessions.
  "AUTH-101": { status: 401, guide: "forgot-password" }, // username or password not recognised
  "AUTH-102": { status: 401, guide: "signed-out" }, // not signed in, or the session ended
  "AUTH-103": { status: 403, guide: "error-code" }, // signed in, but this is not yours to do
  "AUTH-105": { status: 429, guide: "locked-out" }, // too many failures: wait (Retry-After)
  "AUTH-106": { status: 401, guide: "two-step" }, // the code is not right (or already used)
  "AUTH-107": { status: 401, guide: "two-step" }, // too many wrong codes: this sign-in is over
  "AUTH-108": { status: 401, guide: "signed-out" }, // type your password again to change this
  "AUTH-109": { status: 409, guide: "two-step" }, // an authenticator app is already set up
  "AUTH-110": { status: 429, guide: "two-step" }, // a code was sent moments ago: wait to resend
  "AUTH-111": { status: 409, guide: "two-step" }, // no email address or phone number on file for this
  // Request defences.
  "SEC-201": { status: 403, guide: "page-will-not-load" }, // not same-origin (CSRF defence)
  "SEC-202": { status: 403, guide: "page-will-not-load" }, // state change without a JSON body
  // Bad input.
  "REQ-301": { status: 400, guide: "error-code" }, // body is not valid JSON
  "REQ-302": { status: 422, guide: "error-code" }, // body failed validation
  "REQ-303": { status: 413, guide: "error-code" }, // body larger than allowed
  "REQ-304": { status: 404, guide: "error-code" }, // no such page or resource
  "REQ-305": { status: 405, guide: "error-code" }, // method not allowed
  "REQ-306": { status: 429, guide: "error-code" }, // too many help requests or reports: wait (Retry-After)
  // The health record.
  "REC-401": { status: 404, guide: "error-code" }, // no health record is linked to this account yet
  // Sync: the device's outbox (docs/decisions/0013-sync-protocol.md).
  "SYNC-801": { status: 409, guide: "error-code" }, // change id reused with different content
  "SYNC-802": { status: 403, guide: "signed-out" }, // change made under another account
  "SYNC-803": { status: 422, guide: "page-will-not-load" }, // change this server does not know
  // The server.
  "SRV-501": { status: 500, guide: "error-code" }, // unexpected failure (details only in the log)
  "SRV-502": { status: 503, guide: "offline" }, // database or dependency unavailable
  // Email and SMS.
  "MSG-901": { status: 503, guide: "two-step" }, // the email or SMS could not be sent
  // Failures the client detects by itself (never sent by the server; status 0).
  "NET-601": { status: 0, guide: "offline" }, // no network
  "NET-602": { status: 0, guide: "offline" }, // server did not answer in time
  "DEV-701": { status: 0, guide: "page-will-not-load" }, // storage (IndexedDB) unavailable
  "DEV-702": { status: 0, guide: "page-will-not-load" }, // device storage full (quota)
} as const satisfies Record<string, { status: number; guide: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCatalog, value);
}

/** One field's problem inside a REQ-302 answer; `problem` is a key under `validation.*`. */
export interface FieldProblem {
  field: string;
  problem: "required" | "tooLong" | "tooShort" | "invalid";
}

/** The only shape an API error ever has on the wire: no message, no stack, no internals. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    fields?: FieldProblem[];
    /** With a 429: how long to wait before trying again (also sent as Retry-After). */
    retryAfterSeconds?: number;
  };
}
