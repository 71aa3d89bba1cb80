import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { patients, users } from "./schema-core.ts";

/**
 * Secure messaging between patients and their care team (ADR 16;
 * docs/decisions/0016-messaging.md). Not to be confused with `outbox_messages`, the email and
 * SMS transport's log (server/messaging/).
 *
 * A care team is a group of clinicians that serves some patients. A clinician reaches threads
 * of the patients their teams serve, never those patients' records (server/authorization.ts).
 */
export const careTeams = pgTable("care_teams", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The clinicians of a team. */
export const careTeamMembers = pgTable(
  "care_team_members",
  {
    careTeamId: uuid("care_team_id")
      .notNull()
      .references(() => careTeams.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.careTeamId, t.userId] }),
    index("care_team_members_user_idx").on(t.userId),
  ],
);

/**
 * The patients a team serves. `resourceId` is the id of the FHIR CareTeam resource projected
 * into the patient's record, so the device knows whom it can write to (a FHIR CareTeam has one
 * subject, so each patient gets their own resource).
 */
export const careTeamPatients = pgTable(
  "care_team_patients",
  {
    careTeamId: uuid("care_team_id")
      .notNull()
      .references(() => careTeams.id, { onDelete: "cascade" }),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    resourceId: uuid("resource_id").notNull().unique(),
  },
  (t) => [
    primaryKey({ columns: [t.careTeamId, t.patientId] }),
    index("care_team_patients_patient_idx").on(t.patientId),
  ],
);

/**
 * A conversation between one patient and one care team. The id is made on the device that
 * started it, so a thread begun offline is the same thread when it reaches the server.
 * `awaitingReply` is true while the last message is the patient's: the clinicians' inbox puts
 * those first, oldest first.
 */
export const inboxThreads = pgTable(
  "inbox_threads",
  {
    id: uuid("id").primaryKey(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => patients.id, { onDelete: "cascade" }),
    careTeamId: uuid("care_team_id")
      .notNull()
      .references(() => careTeams.id, { onDelete: "restrict" }),
    subject: text("subject").notNull(),
    status: text("status").$type<"open" | "closed">().notNull().default("open"),
    startedBy: uuid("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull(),
    awaitingReply: boolean("awaiting_reply").notNull().default(true),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("inbox_threads_team_idx").on(t.careTeamId, t.awaitingReply, t.lastMessageAt),
    index("inbox_threads_patient_idx").on(t.patientId),
    check("inbox_threads_status_known", sql`${t.status} in ('open', 'closed')`),
  ],
);

/**
 * One message: plain text, as typed (trimmed), timed by the server. Its id is made by the
 * device and is also the id of its FHIR Communication in `resources`. Read-by is kept per
 * side: when the patient read a care-team message, and when (and by whom) the care team read
 * a patient's.
 */
export const inboxMessages = pgTable(
  "inbox_messages",
  {
    id: uuid("id").primaryKey(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => inboxThreads.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    // Kept apart from the author's account: the side a message came from outlives the account.
    authorSide: text("author_side").$type<"patient" | "care-team">().notNull(),
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    readByPatientAt: timestamp("read_by_patient_at", { withTimezone: true }),
    readByTeamAt: timestamp("read_by_team_at", { withTimezone: true }),
    readByTeamUser: uuid("read_by_team_user").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("inbox_messages_thread_idx").on(t.threadId, t.createdAt),
    check("inbox_messages_side_known", sql`${t.authorSide} in ('patient', 'care-team')`),
  ],
);
