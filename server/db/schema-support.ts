import { sql } from "drizzle-orm";
import { boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { patients, users } from "./schema-core.ts";

/** How one checklist item came out: never the answer the caller gave, nor what is on file. */
export type VerificationOutcome = "match" | "mismatch" | "notOnFile" | "notAsked";

/**
 * Support staff checking who is on the phone before touching their account (ADR 20;
 * docs/decisions/0020-support-console.md). One row per attempt, passed or not: a passed row
 * opens account actions for that member of staff and that account for a short while; failed
 * rows count toward the cap on attempts, so the checklist cannot be used to guess a date of
 * birth. A row is about an account, or about a patient who has none yet (activation).
 */
export const identityVerifications = pgTable(
  "identity_verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    staffId: uuid("staff_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The account asked about; for a patient who never activated one, the patient instead.
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id").references(() => patients.id, { onDelete: "cascade" }),
    checks: jsonb("checks").$type<Record<string, VerificationOutcome>>().notNull(),
    passed: boolean("passed").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("identity_verifications_user_idx").on(t.userId, t.createdAt),
    index("identity_verifications_patient_idx").on(t.patientId, t.createdAt),
    check(
      "identity_verifications_one_subject",
      sql`(${t.userId} is null) <> (${t.patientId} is null)`,
    ),
    check("identity_verifications_reason_present", sql`length(${t.reason}) > 0`),
  ],
);

/**
 * An identity check seen in person or on video, for someone who lost both the email and the
 * phone on file (docs/security.md; NIST SP 800-63B recovery). It holds the new contact to set,
 * pending until a second member of staff decides it (the two-person rule: `decidedBy` is never
 * `requestedBy`, checked in server/authorization.ts and by the database). Only the words describing
 * the document are kept, never a copy of it.
 */
export const identityChecks = pgTable(
  "identity_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    requestedBy: uuid("requested_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"in-person" | "video">().notNull(),
    document: text("document").notNull(),
    reason: text("reason").notNull(),
    channel: text("channel").$type<"email" | "sms">().notNull(),
    contact: text("contact").notNull(),
    removeSecondStep: boolean("remove_second_step").notNull(),
    status: text("status").$type<"pending" | "approved" | "declined">().notNull(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("identity_checks_status_idx").on(t.status, t.createdAt),
    check("identity_checks_kind_known", sql`${t.kind} in ('in-person', 'video')`),
    check("identity_checks_channel_known", sql`${t.channel} in ('email', 'sms')`),
    check("identity_checks_status_known", sql`${t.status} in ('pending', 'approved', 'declined')`),
    check("identity_checks_two_people", sql`${t.decidedBy} is distinct from ${t.requestedBy}`),
  ],
);
