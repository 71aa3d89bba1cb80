import { sql } from "drizzle-orm";
import { check, index, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./schema-core.ts";

/**
 * "Approve from a device where you're signed in" (docs/decisions/0022-device-approval.md):
 * a partial session asks, a full session of the same person answers with the number the new
 * device shows. The partial session is named by its id (already a digest of its token), never by
 * the token; the row outlives neither the 2-minute window nor, in practice, the sign-in.
 */
export const signInApprovals = pgTable(
  "sign_in_approvals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // sessions.id of the partial session that asked (a SHA-256 of its token).
    partialSessionId: text("partial_session_id").notNull(),
    // Two digits shown on the new device; the signed-in device must pick it out of three.
    number: smallint("number").notNull(),
    // "Firefox on Android", from the asking browser's User-Agent, so the person recognises it.
    device: text("device").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    state: text("state").$type<"pending" | "approved" | "denied">().notNull().default("pending"),
  },
  (t) => [
    index("sign_in_approvals_user_idx").on(t.userId),
    index("sign_in_approvals_partial_idx").on(t.partialSessionId),
    check("sign_in_approvals_state_known", sql`${t.state} in ('pending', 'approved', 'denied')`),
    check("sign_in_approvals_number_range", sql`${t.number} between 10 and 99`),
  ],
);
