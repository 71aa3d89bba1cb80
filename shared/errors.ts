/**
 * The one catalog of error codes (docs/architecture.md, "Errors, help and support").
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
  // Activation and recovery (docs/decisions/0018-activation-and-passwords.md).
  "AUTH-112": { status: 400, guide: "activation-code" }, // activation code or birth date not right
  "AUTH-113": { status: 410, guide: "activation-code" }, // activation code expired or used (both right)
  "AUTH-114": { status: 409, guide: "activation-code" }, // username taken (only told to a code holder)
  "AUTH-115": { status: 400, guide: "forgot-password" }, // reset code not right, used or expired
  "AUTH-116": { status: 409, guide: "error-code" }, // staff: no activation code for a deceased patient (ADR 26)
  "AUTH-117": { status: 409, guide: "activation-code" }, // username looks like another's (UTS #39; ADR 31)
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
  "REQ-307": { status: 422, guide: "error-code" }, // text holds a NUL or another control character
  // The health record.
  "REC-401": { status: 404, guide: "error-code" }, // no health record is linked to this account yet
  // Record pages (docs/decisions/0015-record-pages.md): found on the device (status 0).
  "REC-402": { status: 0, guide: "error-code" }, // a date filter's "from" is after its "to"
  "REC-403": { status: 0, guide: "offline" }, // the item asked for is not in the device's copy
  // Sync: the device's outbox (docs/decisions/0013-sync-protocol.md).
  "SYNC-801": { status: 409, guide: "error-code" }, // change id reused with different content
  "SYNC-802": { status: 403, guide: "signed-out" }, // change made under another account
  "SYNC-803": { status: 422, guide: "page-will-not-load" }, // change this server does not know
  "SYNC-804": { status: 403, guide: "error-code" }, // change names an id used in someone else's record
  "SYNC-805": { status: 403, guide: "signed-out" }, // a pull cursor names a patient this account cannot see
  // Appointments (docs/decisions/0017-appointments.md).
  "APPT-101": { status: 409, guide: "error-code" }, // the slot was booked by someone else first
  "APPT-102": { status: 409, guide: "error-code" }, // too close to the start to change online: call
  "APPT-103": { status: 409, guide: "error-code" }, // not a free time of this clinician (past, or not offered)
  "APPT-104": { status: 409, guide: "error-code" }, // check-in is open only in the 7 days before the start
  "APPT-105": { status: 409, guide: "error-code" }, // the appointment was already cancelled or has taken place
  // Support console (docs/decisions/0020-support-console.md).
  "SUP-101": { status: 403, guide: "error-code" }, // staff: confirm the caller's identity first (checklist)
  "SUP-102": { status: 422, guide: "error-code" }, // staff: the caller's answers did not match what is on file
  "SUP-103": { status: 429, guide: "error-code" }, // staff: too many failed identity checks for this person: wait
  "SUP-104": { status: 409, guide: "error-code" }, // staff: too little on file to confirm identity by phone
  "SUP-105": { status: 409, guide: "activation-code" }, // staff: activation codes are for patients not yet activated
  "SUP-106": { status: 403, guide: "error-code" }, // staff: support acts on patients' accounts only
  "SUP-107": { status: 403, guide: "forgot-password" }, // choose a new password before anything else
  "SUP-108": { status: 403, guide: "error-code" }, // staff: an identity check is decided by someone other than who recorded it
  "SUP-109": { status: 409, guide: "error-code" }, // staff: that identity check was already decided
  "SUP-110": { status: 409, guide: "error-code" }, // staff: no email or phone on file to send to: record an identity check
  // Secure messages with the care team (docs/decisions/0016-messaging.md).
  "MSG-910": { status: 422, guide: "error-code" }, // the message is empty (spaces or invisible characters only)
  "MSG-911": { status: 413, guide: "error-code" }, // the message is longer than allowed
  "MSG-912": { status: 422, guide: "error-code" }, // the subject is empty
  "MSG-913": { status: 413, guide: "error-code" }, // the subject is longer than allowed
  "MSG-914": { status: 429, guide: "error-code" }, // too many messages sent in a short time: wait
  "MSG-915": { status: 409, guide: "error-code" }, // the conversation was closed: start a new one
  "MSG-916": { status: 422, guide: "error-code" }, // choose which care team to write to
  // Account security: sessions, contact details, passkeys (docs/decisions/0019-account-security.md).
  "AUTH-140": { status: 404, guide: "error-code" }, // that sign-in has already ended (or is not yours)
  "AUTH-141": { status: 409, guide: "error-code" }, // no longer answered: an address in use gets 204 like any (docs/security.md)
  "AUTH-142": { status: 409, guide: "two-step" }, // this address gets your sign-in codes: switch codes off first
  "AUTH-143": { status: 401, guide: "two-step" }, // the passkey was not recognised
  "AUTH-144": { status: 422, guide: "two-step" }, // the passkey could not be added
  "AUTH-145": { status: 0, guide: "two-step" }, // the passkey request was cancelled, timed out or is unsupported
  "AUTH-146": { status: 410, guide: "two-step" }, // the passkey request took too long: start again
  "AUTH-147": { status: 0, guide: "signed-out" }, // signed out after a time without activity (idle dialog)
  // The device's copy (docs/decisions/0029-device-copy-lock.md).
  "AUTH-148": { status: 410, guide: "signed-out" }, // this device was cut off: its saved copy was deleted
  // Sign-in approval from another device (docs/decisions/0022-device-approval.md).
  "AUTH-170": { status: 409, guide: "two-step" }, // no other device is signed in to approve this
  "AUTH-171": { status: 401, guide: "two-step" }, // the sign-in was denied on the other device
  "AUTH-172": { status: 410, guide: "two-step" }, // the approval request expired or was already answered
  "AUTH-173": { status: 409, guide: "two-step" }, // the wrong number was chosen: the request was denied
  // Importing FHIR files (server/fhir/; docs/decisions/0024-import-identity.md).
  "FHIR-101": { status: 422, guide: "error-code" }, // two entries of one file are the same resource (type and id)
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
  // The device copy's lock (docs/decisions/0029-device-copy-lock.md).
  "DEV-703": { status: 0, guide: "offline" }, // offline, the saved copy is locked and has no PIN or passkey
  "DEV-704": { status: 0, guide: "signed-out" }, // the PIN is not right (attempts left)
  "DEV-705": { status: 0, guide: "signed-out" }, // too many wrong PINs: the saved copy was deleted
  "DEV-706": { status: 0, guide: "signed-out" }, // the passkey could not unlock the saved copy
  "DEV-707": { status: 0, guide: "error-code" }, // a PIN is 6 to 12 digits
  "DEV-708": { status: 0, guide: "error-code" }, // the two PINs are not the same
} as const satisfies Record<string, { status: number; guide: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(errorCatalog, value);
}

/** Why a new password is refused (server/auth/password-policy.ts); keys under `validation.*`. */
export type NewPasswordProblem =
  | "passwordTooShort"
  | "passwordTooLong"
  | "passwordCommon"
  | "passwordLikeUsername";

/** One field's problem inside a REQ-302 answer; `problem` is a key under `validation.*`. */
export interface FieldProblem {
  field: string;
  problem: "required" | "tooLong" | "tooShort" | "invalid" | NewPasswordProblem;
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
