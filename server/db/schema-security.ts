import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { DeviceKeyRevocation } from "../../shared/contracts/device-keys.ts";
import { users } from "./schema-core.ts";

/**
 * Passkeys (WebAuthn credentials) a person registered from /account; one signs in with no
 * password and counts as both steps (docs/decisions/0019-account-security.md).
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
    // For sign-in: the SHA-256 of the address bucket that asked, so one address keeps only its
    // few newest unused challenges (server/auth/passkey.ts keepChallenge; docs/security.md).
    source: text("source"),
    challenge: text("challenge").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [
    index("passkey_challenges_expiry_idx").on(t.expiresAt),
    index("passkey_challenges_source_idx").on(t.source),
    check("passkey_challenges_purpose_known", sql`${t.purpose} in ('register', 'sign-in')`),
  ],
);

/**
 * The server's half of each device's lock (docs/decisions/0029-device-copy-lock.md;
 * shared/contracts/device-keys.ts). A device wraps the data key of its copy of the record with
 * this key; refusing it (revoked, or not seen for too long) is how a device that was cut off
 * learns to wipe its copy.
 */
export const deviceKeys = pgTable(
  "device_keys",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The sessions.id digest of the session that created or last opened the key. Not a
    // foreign key: the key outlives its session (an idle sign-out keeps the device's copy for
    // its owner's next sign-in), and "end this session" finds the keys bound to it.
    sessionId: text("session_id"),
    // 32 random bytes, base64url. Kept as it is, not hashed: unlike a password or token, the
    // server must hand this very key back to the device to open its copy. It never goes to the
    // audit log or the server's log.
    key: text("key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason").$type<DeviceKeyRevocation>(),
  },
  (t) => [
    index("device_keys_user_idx").on(t.userId),
    check(
      "device_keys_revoked_reason_known",
      sql`${t.revokedReason} is null or ${t.revokedReason} in ('signed-out-everywhere', 'session-ended-from-list', 'password-changed', 'support', 'not-seen')`,
    ),
    check(
      "device_keys_revoked_together",
      sql`(${t.revokedAt} is null) = (${t.revokedReason} is null)`,
    ),
  ],
);
