import * as v from "valibot";
import { passwordMaxLength } from "./sign-in-limits.ts";

/**
 * The account security page (/account): sessions, password, email and phone, passkeys and
 * recent activity (docs/decisions/0019-account-security.md).
 */

/** One place the person is signed in, as `GET /api/account/sessions` lists it. */
export interface AccountSession {
  /** Opaque: derived from the session's id, never the id (or token) itself. */
  id: string;
  /** "Chrome", "Safari"…; null when the browser did not say. */
  browser: string | null;
  /** "Android", "Windows"…; null when the browser did not say. */
  system: string | null;
  signedInAt: string;
  lastActiveAt: string;
  /** The session this very request came with. */
  current: boolean;
  /** Password passed, second step not (yet): someone who knows the password. */
  waitingForSecondStep: boolean;
}

export const endSessionRequest = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
});

/**
 * `GET /api/account/session-time`: when this session ends unless something happens, by the
 * server's own reckoning. Reading it does not count as activity, so the idle dialog can ask
 * without keeping the session alive (client/features/idle).
 */
export interface SessionTime {
  /** The instant the session ends (the earlier of the idle and the absolute limit). */
  endsAt: string;
  /** Milliseconds left at the server's `now`: the client counts down from this. */
  remainingMs: number;
  /** Which limit ends it: only an idle limit can be pushed back by "Stay signed in". */
  limit: "idle" | "absolute";
}

export const sessionTimePath = "/api/account/session-time";

/** How long before the end the idle dialog opens (WCAG 2.2.1 asks for at least 20 s; ADR 19: 2 min). */
export const idleWarningMs = 2 * 60_000;

export const changePasswordRequest = v.strictObject({
  newPassword: v.pipe(v.string(), v.minLength(1), v.maxLength(passwordMaxLength)),
});

/** Email addresses are also sign-in names; stored lower-cased (server/db/schema-core.ts). */
export const emailMaxLength = 254;

export const changeEmailRequest = v.strictObject({
  email: v.pipe(
    v.string(),
    v.trim(),
    v.toLowerCase(),
    v.minLength(1),
    v.maxLength(emailMaxLength),
    v.email(),
  ),
});

/** A phone number as people type it: digits, spaces, dashes, brackets, a leading "+". */
export const changePhoneRequest = v.strictObject({
  phone: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1),
    v.maxLength(32),
    v.regex(/^\+?[\d\s().-]+$/),
    v.transform((typed) => {
      const digits = typed.replace(/\D/g, "");
      return typed.startsWith("+") ? `+${digits}` : digits;
    }),
    v.check((phone) => /^\+?\d{7,15}$/.test(phone)),
  ),
});

/** `GET /api/account/contact`: the person's own email and phone, in full. */
export interface AccountContact {
  email: string | null;
  phone: string | null;
}

/** One sign-in (or refused attempt) in "Recent activity". */
export interface SignInActivity {
  at: string;
  outcome: "success" | "failure";
  /** "password", "totp", "passkey"…, when the log says. */
  method: string | null;
  browser: string | null;
  system: string | null;
}

/**
 * Why someone other than the person was let in: a clinician through the care team that serves
 * the patient, support staff through a request for help, anyone else by the record's access
 * rule (server/authorization.ts).
 */
export type AccessBasis = "care-team" | "support-request" | "record-access";

/** Someone other than the person opened their record, messages, appointments or account. */
export interface RecordActivity {
  at: string;
  /** The staff member's name as the account holds it. */
  who: string;
  role: string;
  /** What they opened: the record (read, list, sync, export) or the rest of the account. */
  action: "read" | "list" | "sync" | "export" | "messages" | "appointments" | "account";
  basis: AccessBasis;
}

/** `GET /api/account/activity`: the last 90 days, newest first, at most 50 of each. */
export interface AccountActivity {
  signIns: SignInActivity[];
  recordViews: RecordActivity[];
}

export const activityDays = 90;
export const activityLimit = 50;

/** One passkey as /account lists it. */
export interface PasskeySummary {
  id: string;
  /** "Chrome on Android": the browser that registered it. */
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/**
 * What the page sends back after the browser's WebAuthn prompt: the challenge it answers, and
 * the authenticator's answer as @simplewebauthn/browser encodes it (checked in depth by
 * @simplewebauthn/server).
 */
export const passkeyAnswerRequest = v.strictObject({
  challengeId: v.pipe(v.string(), v.maxLength(64)),
  response: v.looseObject({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
    rawId: v.pipe(v.string(), v.maxLength(1024)),
    type: v.literal("public-key"),
    response: v.looseObject({}),
  }),
});

export const removePasskeyRequest = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
});
