import * as v from "valibot";
import { changeEmailRequest, changePhoneRequest } from "./account.ts";
import { calendarDate } from "./dates.ts";
import { freeText } from "./free-text.ts";
import type { StoredDiagnostic } from "./help.ts";
import { passwordMaxLength, type SecondStepMethod } from "./sign-in-limits.ts";

/**
 * The support console's API (docs/decisions/0020-support-console.md): staff with
 * role `support` see the queue of help requests and the state of a person's account — never
 * their health record — and, once the caller's identity is confirmed, act on the account.
 */

/** "handled" is stored as `help_requests.status = 'closed'`. */
export const queueStatuses = ["open", "handled"] as const;
export type QueueStatus = (typeof queueStatuses)[number];
export const queueOrders = ["newest", "oldest"] as const;
export type QueueOrder = (typeof queueOrders)[number];

/** One help request as the queue lists it. */
export interface QueueItem {
  reference: string;
  name: string;
  contact: string;
  message: string;
  diagnosticCode: string | null;
  locale: string;
  status: QueueStatus;
  createdAt: string;
  /** The account, when the person was signed in as they asked. */
  userId: string | null;
}

export interface Queue {
  requests: QueueItem[];
}

/** `GET /api/support/requests/:reference`: the request, its device report, and its guide. */
export interface HelpRequestDetail extends QueueItem {
  /** Null when no code was given, or the report is past its 7 days. */
  diagnostic: StoredDiagnostic | null;
  /** The guide that fits the problem best (see `guideFor` in server/support/guide-match.ts). */
  guide: string;
}

export const markHandledRequest = v.strictObject({ handled: v.boolean() });

/** Who a console page is about: an account, or a patient who never activated one. */
export const personKinds = ["account", "patient"] as const;
export type PersonKind = (typeof personKinds)[number];

/** A search result. Identity only: never anything from the health record. */
export interface PersonSummary {
  kind: PersonKind;
  id: string;
  displayName: string;
  username: string | null;
  /** Whether the person has an account (a patient record alone is not activated). */
  activated: boolean;
}

export interface PersonSearchResult {
  people: PersonSummary[];
}

/**
 * `GET /api/support/accounts?q=` (a username or email address, exactly) or
 * `?name=&birthDate=` (part of the name, and the date of birth as YYYY-MM-DD).
 */
export const personSearch = v.union([
  // Free text from a query string never passes readJson's NUL check: freeText refuses it.
  v.strictObject({ q: freeText(200, { required: true }) }),
  v.strictObject({
    name: v.pipe(freeText(100, { required: true }), v.minLength(2)),
    birthDate: calendarDate,
  }),
]);

/** What staff may ask the caller; each is compared on the server with what is on file. */
export const identityItems = ["birthDate", "postalCode", "phone", "email"] as const;
export type IdentityItem = (typeof identityItems)[number];
export type IdentityOutcome = "match" | "mismatch" | "notOnFile" | "notAsked";

/** Two items must match, and the date of birth whenever one is on file. */
export const identityItemsNeeded = 2;
/** A passed check opens actions for this long, for the member of staff who did it. */
export const verificationLifetimeMs = 30 * 60_000;

const answer = (max: number) => v.optional(v.pipe(v.string(), v.trim(), v.maxLength(max)));

/** `POST …/verification`: what the caller said, item by item, and why staff are asking. */
export const verificationRequest = v.strictObject({
  answers: v.strictObject({
    birthDate: answer(10),
    postalCode: answer(20),
    phone: answer(40),
    email: answer(254),
  }),
  reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
});
export type VerificationRequest = v.InferOutput<typeof verificationRequest>;

export interface VerificationAnswer {
  passed: boolean;
  checks: Record<IdentityItem, IdentityOutcome>;
  /** Until when actions are open, when passed. */
  verifiedUntil: string | null;
}

/**
 * What a passed knowledge check opens (docs/security.md). None of them answers a secret: a
 * reset or activation code goes only to the email or phone already on file, and taking a
 * second step off, or a new contact, needs an identity check approved by a second member of
 * staff instead (`identityCheckRequest`).
 */
export const accountActions = [
  "send-reset",
  "clear-throttle",
  "end-sessions",
  "activation-code",
] as const;
export type AccountAction = (typeof accountActions)[number];

/** Every action is audited with this reason (ADR 20: "staff, reason and time"). */
export const actionRequest = v.strictObject({
  reason: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)),
});

/** A contact a code went to, masked as the console shows it ("n•••@example.org", "•••• 0987"). */
export interface SentTo {
  channel: "email" | "sms";
  to: string;
}

export interface ActionAnswer {
  action: AccountAction;
  /** Whether the person was told by email or SMS (not when nothing is on file, or it failed). */
  notified: "email" | "sms" | null;
  /** Where a reset or activation code went: never the code itself (staff never see one). */
  sentTo?: SentTo[];
  expiresAt?: string;
}

/** How staff saw the person: at the desk, or on a video call, with an identity document. */
export const identityCheckKinds = ["in-person", "video"] as const;
export type IdentityCheckKind = (typeof identityCheckKinds)[number];

const reasonText = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500));

/**
 * `POST /api/support/accounts/:id/identity-checks`: the person lost both their email and
 * their phone, and staff saw them with a document. Stored pending; nothing changes until a
 * different member of staff approves it.
 */
export const identityCheckRequest = v.strictObject({
  kind: v.picklist(identityCheckKinds),
  /** Which document was seen, in words ("passport, last 4 digits 1234"): never a copy of it. */
  document: reasonText,
  contact: v.variant("channel", [
    v.strictObject({ channel: v.literal("email"), ...changeEmailRequest.entries }),
    v.strictObject({ channel: v.literal("sms"), ...changePhoneRequest.entries }),
  ]),
  /** Also take the second steps off: the lost phone may have held the authenticator app. */
  removeSecondStep: v.optional(v.boolean(), false),
  reason: reasonText,
});
export type IdentityCheckRequest = v.InferInput<typeof identityCheckRequest>;

export const identityCheckStatuses = ["pending", "approved", "declined"] as const;
export type IdentityCheckStatus = (typeof identityCheckStatuses)[number];

/** One identity check as the console lists it: the new contact masked. */
export interface IdentityCheck {
  id: string;
  person: { kind: "account"; id: string; displayName: string; username: string | null };
  kind: IdentityCheckKind;
  document: string;
  reason: string;
  newContact: SentTo;
  removeSecondStep: boolean;
  status: IdentityCheckStatus;
  requestedBy: string;
  /** Whether the member of staff reading this asked for it (and so cannot decide it). */
  mine: boolean;
  createdAt: string;
}

export interface IdentityCheckList {
  checks: IdentityCheck[];
}

/** `POST /api/support/identity-checks/:id/decision`, by a member of staff other than the asker. */
export const identityCheckDecision = v.strictObject({
  approve: v.boolean(),
  reason: reasonText,
});

export interface IdentityCheckDecided {
  status: Exclude<IdentityCheckStatus, "pending">;
  /** On approval: where the reset code went (the new contact), and which old contacts were told. */
  sentTo: SentTo[];
  told: SentTo[];
}

/** One sign-in (or failed attempt) as staff see it: when, how, and the code the person saw. */
export interface SignInEvent {
  at: string;
  outcome: "success" | "failure" | "denied";
  method: string | null;
  code: string | null;
}

export interface ThrottleState {
  /** The latest moment any of the account's sign-in buckets is closed until, if in future. */
  blockedUntil: string | null;
  /** Failures counted in the account's buckets' current windows. */
  failures: number;
}

/** `GET /api/support/accounts/:id` and `/patients/:id`: everything but clinical data. */
export interface PersonState extends PersonSummary {
  role: string | null;
  /** On file, masked ("r•••@example.org"), or null. */
  email: string | null;
  phone: string | null;
  hasRecord: boolean;
  /** Which checklist items can be asked, because something is on file for them. */
  onFile: Record<IdentityItem, boolean>;
  mustChangePassword: boolean;
  throttle: ThrottleState;
  secondStep: SecondStepMethod[];
  liveSessions: number;
  signIns: SignInEvent[];
  failures: SignInEvent[];
  /** Codes from the recent failures and help requests, most recent first, each once. */
  errorCodes: string[];
  helpRequests: QueueItem[];
  diagnostics: StoredDiagnostic[];
  /** Until when this member of staff may act, or null: verify first. */
  verifiedUntil: string | null;
  /** The guide that fits the account's state best. */
  guide: string;
}

export type { SecondStepMethod };

/**
 * `POST /api/auth/new-password`: the password chosen after signing in with a temporary one.
 * Only the outer bound here; server/auth/password-policy.ts says the rest (REQ-302 with the
 * field's problem under `validation.*`).
 */
export const newPasswordRequest = v.strictObject({
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(passwordMaxLength)),
});
