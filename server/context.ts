import type { Session, User } from "./auth/session.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/open.ts";
import type { Transport } from "./messaging/transport.ts";

/** What every route needs, passed in so tests can build an app on any database and clock. */
export interface Deps {
  db: Database;
  config: Config;
  /** Injected so tests can move time forward past idle and absolute session limits. */
  now: () => Date;
  version: string;
  /** Email and SMS (server/messaging/transport.ts); tests read the development outbox. */
  transport: Transport;
}

/** Hono's typed context variables, set by middleware in server/app.ts. */
export interface AppEnv {
  Variables: {
    auth: { user: User; session: Session } | null;
    /** A session that passed the password but not yet the second step (never in `auth`). */
    partial: { user: User; session: Session } | null;
    /** `performance.now()` when the request arrived (server/app.ts), for logged durations. */
    startedAt: number;
    /** Who sent the request, by `clientAddress` under TRUST_PROXY (server/http/client-address.ts). */
    clientAddress: string | null;
  };
}
