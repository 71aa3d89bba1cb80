import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./schema-core.ts";

/**
 * Passkeys (WebAuthn credentials) a person registered from /account; one signs in with no
 * password and counts as both steps (issue 8; docs/decisions/0019-account-security.md).
 */
export const passkeys = pgTable(
  "passkeys",
  {
    // The credential id the authenticator chose, base64url: how a sign-in names its passkey.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The COSE public key, base64url. A public key: a copy of this table signs nobody in.
    publicKey: text("public_key").notNull(),
    // The authenticator's signature counter; one that goes backwards is a cloned key (ASVS 6.7.2
    // via the WebAuthn spec's §6.1.1). Synced passkeys always send 0.
    counter: bigint("counter", { mode: "number" }).notNull().default(0),
    transports: text("transports").array().notNull().default(sql`'{}'::text[]`),
    backedUp: boolean("backed_up").notNull().default(false),
    // "Chrome on Android", from the browser that registered it, so the list is recognisable.
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

/**
 * WebAuthn challenges, single use and short-lived (ASVS 6.5.x): stored server-side so a
 * response can be checked against the one challenge it answers, by any server process.
 */
export const passkeyChallenges = pgTable(
  "passkey_challenges",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: text("purpose").$type<"register" | "sign-in">().notNull(),
    // For registration: the session that asked; the answer is accepted from that session only.
    sessionId: text("session_id"),
    challenge: text("challenge").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    index("passkey_challenges_expiry_idx").on(t.expiresAt),
    check("passkey_challenges_purpose_known", sql`${t.purpose} in ('register', 'sign-in')`),
  ],
);
