/**
 * Every setting Hearth reads, from environment variables, validated once at start.
 * A bad value stops the server with a message that names the variable, rather than
 * surfacing later as a confusing failure.
 */
export interface Config {
  port: number;
  /** Folder of the embedded PGlite database; unused when `databaseUrl` is set. */
  dataDir: string;
  /** When set, PostgreSQL through node-postgres instead of the embedded PGlite. */
  databaseUrl: string | undefined;
  /**
   * At start, how long to keep trying a PostgreSQL that cannot be reached (it may be starting
   * beside Hearth, or failing over) before giving up (DATABASE_WAIT_SECONDS, 0-3600;
   * 0 is one attempt; docs/security.md).
   */
  databaseWaitMs: number;
  /** The origin browsers reach Hearth at; CSRF checks compare `Origin` with it. */
  publicOrigin: string;
  /** True when `publicOrigin` is https: cookies get `Secure` and the `__Host-` prefix, HSTS is sent. */
  secure: boolean;
  /** Sign-out after this long without a request (HIPAA automatic logoff; ASVS 7.3.1). */
  sessionIdleMs: number;
  /** Sign-out this long after sign-in, whatever the activity (ASVS 7.3.2). */
  sessionAbsoluteMs: number;
  /** Largest request body accepted before parsing (docs/abuse-cases.md 6). */
  bodyLimitBytes: number;
  production: boolean;
  /** Folder of the built client, served at `/`. */
  clientDir: string;
  /**
   * Behind a reverse proxy, the client's address is the last entry of X-Forwarded-For (the one
   * the proxy added); without one that header is the client's own word and is ignored.
   */
  trustProxy: boolean;
  /**
   * How email and SMS leave Hearth (server/messaging/transport.ts). Unset: the development
   * outbox (a table, printed to the log); refused in production, where codes must really go out.
   */
  smtpUrl: string | undefined;
  /** The From address of every email. */
  mailFrom: string;
  /** SMS go out as a JSON POST to this URL (a gateway such as an SMS provider's webhook). */
  smsWebhookUrl: string | undefined;
  /** Sent as `Authorization: Bearer …` to the SMS webhook, when set. */
  smsWebhookToken: string | undefined;
  /**
   * Development and end-to-end tests only: `GET /api/dev/outbox` lists the outbox, so a browser
   * test can read the code it was sent. Refused in production.
   */
  exposeOutbox: boolean;
  /** How long an activation code from the clinic stays valid (ACTIVATION_CODE_DAYS, 1-365). */
  activationCodeMs: number;
  /**
   * Appointments can be cancelled or moved online until this many hours before they start;
   * after that the person is asked to call the clinic (docs/decisions/0017-appointments.md).
   */
  appointmentCutoffHours: number;
  /**
   * How long the sync ledger remembers an applied change (so a replay is answered, not applied
   * twice) and how long deletions are kept for devices to learn of (server/sync/retention.ts).
   */
  syncLedgerDays: number;
  syncTombstoneDays: number;
  /**
   * A device key not opened for longer than this is refused and revoked, so an old copy of the
   * record on a device nobody has used cannot be opened online (DEVICE_KEY_MAX_IDLE_DAYS, 1-365;
   * ADR 29; shared/contracts/device-keys.ts).
   */
  deviceKeyMaxIdleMs: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const port = integer(env, "PORT", 8787, 0, 65535);
  const publicOrigin = origin(env, "PUBLIC_ORIGIN", `http://localhost:${port}`);
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError("DATABASE_URL must start with postgres:// or postgresql://");
  }
  const sessionIdleMs = integer(env, "SESSION_IDLE_MINUTES", 30, 1, 24 * 60) * 60_000;
  const sessionAbsoluteMs = integer(env, "SESSION_ABSOLUTE_HOURS", 12, 1, 24 * 30) * 3_600_000;
  if (sessionAbsoluteMs < sessionIdleMs) {
    throw new ConfigError("SESSION_ABSOLUTE_HOURS must not be shorter than SESSION_IDLE_MINUTES");
  }
  const production = env.NODE_ENV === "production";
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    throw new ConfigError("SMTP_URL must start with smtp:// or smtps://");
  }
  const smsWebhookUrl = env.SMS_WEBHOOK_URL?.trim() || undefined;
  if (smsWebhookUrl && !/^https?:\/\//.test(smsWebhookUrl)) {
    throw new ConfigError("SMS_WEBHOOK_URL must start with https:// or http://");
  }
  if (production && (!smtpUrl || !smsWebhookUrl)) {
    // In production a code written to a table would be a code nobody receives.
    throw new ConfigError("NODE_ENV=production needs SMTP_URL and SMS_WEBHOOK_URL");
  }
  const exposeOutbox = flag(env, "EXPOSE_OUTBOX");
  if (production && exposeOutbox) throw new ConfigError("EXPOSE_OUTBOX is refused in production");
  return {
    port,
    dataDir: env.DATA_DIR?.trim() || "./data",
    databaseUrl,
    databaseWaitMs: integer(env, "DATABASE_WAIT_SECONDS", 60, 0, 3600) * 1000,
    publicOrigin,
    secure: publicOrigin.startsWith("https:"),
    sessionIdleMs,
    sessionAbsoluteMs,
    bodyLimitBytes: integer(env, "BODY_LIMIT_KB", 256, 1, 100 * 1024) * 1024,
    production,
    clientDir: env.CLIENT_DIR?.trim() || "./dist/client",
    trustProxy: flag(env, "TRUST_PROXY"),
    smtpUrl,
    mailFrom: env.MAIL_FROM?.trim() || `Hearth <no-reply@${new URL(publicOrigin).hostname}>`,
    smsWebhookUrl,
    smsWebhookToken: env.SMS_WEBHOOK_TOKEN?.trim() || undefined,
    exposeOutbox,
    activationCodeMs: integer(env, "ACTIVATION_CODE_DAYS", 30, 1, 365) * 86_400_000,
    appointmentCutoffHours: integer(env, "APPOINTMENT_CUTOFF_HOURS", 24, 0, 24 * 14),
    syncLedgerDays: integer(env, "SYNC_LEDGER_DAYS", 90, 1, 3650),
    syncTombstoneDays: integer(env, "SYNC_TOMBSTONE_DAYS", 90, 1, 3650),
    deviceKeyMaxIdleMs: integer(env, "DEVICE_KEY_MAX_IDLE_DAYS", 30, 1, 365) * 86_400_000,
  };
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function origin(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as https://portal.example.org, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigError(`${name} must use http or https, got "${raw}"`);
  }
  return url.origin;
}

function flag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw || raw === "0" || raw === "false") return false;
  if (raw === "1" || raw === "true") return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}
