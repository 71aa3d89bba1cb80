import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Role } from "../../shared/contracts/me.ts";
import type { Locale } from "../../shared/locales/index.ts";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased so "Ana" and "ana" are one account.
    username: text("username").notNull().unique(),
    // UTS #39 skeleton of the username (server/auth/username-skeleton.ts): unique, so no account
    // can take a name that looks like another's. Null only where the backfill met a look-alike
    // pair made before the rule (server/db/username-skeletons.ts).
    usernameSkeleton: text("username_skeleton").unique(),
    displayName: text("display_name").notNull(),
    role: text("role").$type<Role>().notNull(),
    passwordHash: text("password_hash").notNull(),
    // Null until the person chooses a language: "en" by default could not be told from a choice.
    locale: text("locale").$type<Locale>(),
    // Where one-time codes and notices go (ADR 18). Email stored lower-cased: it is also a
    // sign-in name, so two accounts may not share one.
    email: text("email").unique(),
    phone: text("phone"),
    // Two-step sign-in by a code sent to the email or phone on file (ADR 19), once confirmed.
    codeChannel: text("code_channel").$type<"email" | "sms">(),
    // Set when support staff issued a temporary password: such a session can do nothing but
    // choose a new one (server/support/new-password-session.ts; ASVS 6.4.1).
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("users_code_channel_known", sql`${t.codeChannel} in ('email', 'sms')`),
    check("users_role_known", sql`${t.role} in ('patient', 'clinician', 'support', 'admin')`),
    check("users_username_lower", sql`${t.username} = lower(${t.username})`),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
  ],
);

/**
 * Lucia-style sessions: the id is the SHA-256 of the cookie's token (hex), so a leaked
 * database row cannot be replayed as a cookie.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
    // Password passed, second step not yet: such a session opens nothing but the second step
    // (server/auth/partial-session.ts; docs/decisions/0012-partial-sessions.md).
    partial: boolean("partial").notNull().default(false),
    // Wrong codes tried in this sign-in; the sign-in ends at the cap (ASVS 6.3.1, 6.6.3).
    secondStepFailures: integer("second_step_failures").notNull().default(0),
    // When the person last proved who they are in this session (password or a full sign-in):
    // security changes ask for this to be recent.
    authenticatedAt: timestamp("authenticated_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failure counters for sign-in throttling, one row per bucket ("account:…", "address:…",
 * "second-step:…"), in the database so every server process sees the same counts
 * (docs/decisions/0011-sign-in-throttling.md).
 */
export const throttleBuckets = pgTable("throttle_buckets", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  failures: integer("failures").notNull(),
  blockedUntil: timestamp("blocked_until", { withTimezone: true }),
});

/**
 * Devices (a long-lived cookie) and addresses an account has fully signed in from. Failures
 * from them are counted apart from strangers' failures, so an attacker cannot lock the owner
 * out (docs/abuse-cases.md 21). Only SHA-256 digests are stored.
 */
export const trustedSources = pgTable(
  "trusted_sources",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"device" | "address">().notNull(),
    digest: text("digest").notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.kind, t.digest] }),
    check("trusted_sources_kind_known", sql`${t.kind} in ('device', 'address')`),
  ],
);

/** An authenticator app's shared secret; unconfirmed until the person types a code from it. */
export const totpCredentials = pgTable("totp_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  // Hex of the 20-byte key. It must be readable to compute codes, so it cannot be hashed.
  secret: text("secret").notNull(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  // The last 30-second step a code was accepted for: a code is never accepted twice (ASVS 6.5.1).
  lastUsedStep: bigint("last_used_step", { mode: "number" }).notNull().default(-1),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});

/** Ten single-use recovery codes per account, stored as SHA-256 of 120 random bits (ASVS 6.5.2). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Six-digit codes sent by email or SMS: a second step bound to one partial session, or a
 * password reset. Stored hashed; single use; expire; attempts capped (ASVS 6.6.1–6.6.3).
 */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // "confirm-channel": proving the email or phone receives codes before they become a second step.
    purpose: text("purpose")
      .$type<"second-step" | "password-reset" | "confirm-channel">()
      .notNull(),
    // For a second step: the partial session it belongs to (a code for one sign-in is no use
    // in another).
    sessionId: text("session_id"),
    channel: text("channel").$type<"email" | "sms">().notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    index("one_time_codes_user_idx").on(t.userId, t.purpose),
    check(
      "one_time_codes_purpose_known",
      sql`${t.purpose} in ('second-step', 'password-reset', 'confirm-channel')`,
    ),
  ],
);

/**
 * The development transport's outbox: every email and SMS, as it would have been sent, so a
 * developer (`npm start` prints them) and the tests can read them. Never used when SMTP or
 * the SMS webhook is configured (server/messaging/transport.ts).
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    channel: text("channel").$type<"email" | "sms">().notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outbox_messages_recipient_idx").on(t.recipient, t.sentAt)],
);

/** Append-only: the application never updates or deletes these rows. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().default(sql`now()`),
    // Null when the actor is unknown (a failed sign-in with an unknown username).
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    outcome: text("outcome").$type<"success" | "failure" | "denied">().notNull(),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    // Whose record the event touched, so a patient's accounting of disclosures is one indexed
    // read (HIPAA §164.528). No foreign key: the log outlives what it describes.
    patientId: uuid("patient_id"),
  },
  (t) => [
    index("audit_actor_idx").on(t.actorId, t.at),
    index("audit_patient_idx").on(t.patientId, t.at),
    check("audit_outcome_known", sql`${t.outcome} in ('success', 'failure', 'denied')`),
  ],
);

/** A FHIR resource as stored: JSON with at least its type and, once stored, its Hearth id. */
export interface StoredFhirResource {
  resourceType: string;
  id: string;
  [field: string]: unknown;
}

/**
 * A person whose health record Hearth holds (docs/decisions/0008-fhir-resources-as-jsonb.md).
 * The Patient resources themselves are rows of `resources`, like every other part of the record,
 * so sync and export treat them the same way; these columns are what lists and matching need.
 */
export const patients = pgTable(
  "patients",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The account that is this patient; proxies and care teams will be other tables.
    accountId: uuid("account_id")
      .unique()
      .references(() => users.id, { onDelete: "set null" }),
    // From the latest Patient resource; null for a placeholder known only from a reference.
    name: text("name"),
    // As FHIR writes it: may be partial ("1974", "1974-12").
    birthDate: text("birth_date"),
    // Bumped by every write to this patient's data, under this row's lock
    // (docs/decisions/0009-patient-version-counter.md).
    version: bigint("version", { mode: "number" }).notNull().default(0),
    // Ids the Patient had in the systems it came from, and its identifiers as "system|value":
    // how a re-import, or a reference from another file, finds this patient again.
    sourceKeys: text("source_keys").array().notNull().default(sql`'{}'::text[]`),
    identifierKeys: text("identifier_keys").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("patients_source_keys_idx").using("gin", t.sourceKeys),
    index("patients_identifier_keys_idx").using("gin", t.identifierKeys),
  ],
);

/**
 * Every FHIR resource of every record, as the source sent it (ids and references rewritten to
 * Hearth's), with the columns queries need beside it. `patient_id` is null only for directory
 * entries (a Practitioner or Organization imported from a file that names no patient).
 */
export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey(),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    resourceType: text("resource_type").notNull(),
    resource: jsonb("resource").$type<StoredFhirResource>().notNull(),
    // The resource's id in its source (or a hash of its content when it had none), so the same
    // export imported twice lands on the same rows
    // (docs/decisions/0010-fhir-ids-and-references.md).
    sourceKey: text("source_key").notNull(),
    identifierKeys: text("identifier_keys").array().notNull().default(sql`'{}'::text[]`),
    // SHA-256 of the stored JSON: an unchanged resource is not rewritten, nor its version bumped.
    contentHash: text("content_hash").notNull(),
    // Index columns (server/fhir/index-columns.ts).
    // A FhirWhen (shared/fhir-when.ts): a calendar date as written or a UTC instant, as text that
    // sorts chronologically (docs/decisions/0023-calendar-dates.md).
    effectiveAt: text("effective_at"),
    status: text("status"),
    codeSystem: text("code_system"),
    code: text("code"),
    category: text("category"),
    // The patient's version when this row was last written; 0 for directory entries.
    version: bigint("version", { mode: "number" }).notNull(),
    // A tombstone: kept so a device that pulls learns the resource is gone.
    deleted: boolean("deleted").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("resources_source_key_unique")
      .on(t.patientId, t.resourceType, t.sourceKey)
      .nullsNotDistinct(),
    index("resources_patient_version_idx").on(t.patientId, t.version),
    index("resources_patient_type_date_idx").on(t.patientId, t.resourceType, t.effectiveAt),
    index("resources_patient_code_idx").on(t.patientId, t.codeSystem, t.code),
    check("resources_type_matches", sql`${t.resource}->>'resourceType' = ${t.resourceType}`),
    check("resources_id_matches", sql`${t.resource}->>'id' = ${t.id}::text`),
  ],
);

/**
 * Account activation: the clinic gives a patient a one-time code; with their date of birth it
 * lets them choose a username and password. Only the code's SHA-256 is kept; single use; it
 * expires (ACTIVATION_DAYS).
 */
export const activationCodes = pgTable(
  "activation_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("activation_codes_patient_idx").on(t.patientId)],
);

/**
 * Every mutation a device has pushed, keyed by the account and the id the device made
 * (docs/decisions/0013-sync-protocol.md). The row is written in the same transaction as the
 * data the mutation changes, so a mutation is applied at most once, and a replay is answered
 * with the first answer (docs/abuse-cases.md 11, 12, 15).
 */
export const syncMutations = pgTable(
  "sync_mutations",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mutationId: uuid("mutation_id").notNull(),
    name: text("name").notNull(),
    // SHA-256 of the canonical JSON of name and arguments: the same id with other arguments
    // is a different write, refused (SYNC-801).
    argsDigest: text("args_digest").notNull(),
    status: text("status").$type<"applied" | "rejected">().notNull(),
    // The catalog code of a rejection, and what an applied mutation answered.
    errorCode: text("error_code"),
    result: jsonb("result"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.mutationId] }),
    check("sync_mutations_status_known", sql`${t.status} in ('applied', 'rejected')`),
  ],
);

/**
 * How far back a patient's stream can be answered incrementally. Purging tombstones up to a
 * version raises the floor; a device whose cursor is below it gets a reset and pulls anew.
 */
export const syncFloors = pgTable("sync_floors", {
  patientId: uuid("patient_id")
    .primaryKey()
    .references(() => patients.id, { onDelete: "cascade" }),
  floor: bigint("floor", { mode: "number" }).notNull(),
});

/**
 * "Check my device" reports (ADR 14), kept 7 days so support can open one from its code.
 * Device facts only — check results, app version, user agent — never health data; not
 * linked to an account, since the person is often unable to sign in.
 */
export const diagnosticReports = pgTable(
  "diagnostic_reports",
  {
    code: text("code").primaryKey(),
    report: jsonb("report").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("diagnostic_reports_created_idx").on(t.createdAt)],
);

/**
 * "Ask for help" requests: the support queue (the console that reads it is a later part).
 * `userId` is set when the person was signed in; most are not.
 */
export const helpRequests = pgTable(
  "help_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(),
    name: text("name").notNull(),
    contact: text("contact").notNull(),
    message: text("message").notNull(),
    diagnosticCode: text("diagnostic_code"),
    locale: text("locale").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    status: text("status").$type<"open" | "closed">().notNull().default("open"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("help_requests_status_idx").on(t.status, t.createdAt),
    check("help_requests_status_known", sql`${t.status} in ('open', 'closed')`),
  ],
);
