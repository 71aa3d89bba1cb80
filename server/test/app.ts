import { createApp } from "../app.ts";
import { type Config, loadConfig } from "../config.ts";
import type { Database } from "../db/open.ts";
import { makeTransport } from "../messaging/transport.ts";

export const testOrigin = "http://localhost:8787";

/** A clock that tests move by hand, to cross idle and absolute session limits. */
export function makeClock(start = new Date("2026-01-05T09:00:00Z")) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

export function makeTestApp(
  db: Database,
  options: { env?: Record<string, string>; now?: () => Date } = {},
) {
  const config: Config = loadConfig({ CLIENT_DIR: "/nonexistent", ...options.env });
  // The development outbox (no SMTP_URL or SMS_WEBHOOK_URL in tests): tests read the table.
  const transport = makeTransport(config, db);
  const app = createApp({
    db,
    config,
    now: options.now ?? (() => new Date()),
    version: "test",
    transport,
  });
  return { app, config };
}

/** Headers a same-origin fetch from the page would send with a JSON body. */
export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "content-type": "application/json", origin: testOrigin, ...extra };
}

/** The `name=value` pair of a response's session cookie, ready to send back. */
export function sessionCookieFrom(res: Response): string | undefined {
  const cookies = res.headers.getSetCookie();
  const last = cookies
    .filter((c) => c.startsWith("hearth_session=") || c.startsWith("__Host-hearth_session="))
    .at(-1);
  const pair = last?.split(";")[0];
  return pair && !pair.endsWith("=") ? pair : undefined;
}
