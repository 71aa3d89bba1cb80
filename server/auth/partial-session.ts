/**
 * The only API calls a partial session may make: finishing the second step, starting again,
 * or leaving. Everything else answers 401 AUTH-102 exactly as if there were no session at all
 * (docs/abuse-cases.md 23; docs/decisions/0012-partial-sessions.md). The rule lives in the session
 * middleware, so a route added tomorrow is covered without doing anything; an allow-list,
 * so forgetting to list a new second-step route fails closed.
 */
export const partialSessionRoutes: ReadonlySet<string> = new Set([
  "POST /api/auth/sign-in",
  "POST /api/auth/sign-out",
  "GET /api/auth/second-step",
  "POST /api/auth/second-step/totp",
  "POST /api/auth/second-step/recovery-code",
  "POST /api/auth/second-step/send-code",
  "POST /api/auth/second-step/sent-code",
  // Approval from a signed-in device: ask once, then poll (server/routes/sign-in-approval.ts).
  "POST /api/auth/second-step/approval",
  "GET /api/auth/second-step/approval",
  // A passkey is a whole sign-in of its own: starting again with one is allowed.
  "POST /api/auth/passkey/options",
  "POST /api/auth/passkey/verify",
  // Answers a partial session as if signed out; a device cut off from the account must learn
  // it whatever state its sign-in is in (server/routes/device-keys.ts).
  "POST /api/device-keys/open",
]);

export function partialSessionMay(method: string, path: string): boolean {
  return partialSessionRoutes.has(`${method} ${path}`);
}
