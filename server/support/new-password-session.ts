/**
 * The only API calls a session may make while its account must change a password that support
 * staff issued (ASVS 6.4.1: a temporary secret is changed at first use): choosing the new
 * password, who am I, leaving, and asking for help. Everything else answers 403 SUP-107 from
 * the session middleware, before any route runs: the same pattern as partial sessions
 * (server/auth/partial-session.ts), and an allow-list, so a route added later fails closed.
 */
export const newPasswordSessionRoutes: ReadonlySet<string> = new Set([
  "GET /api/me",
  "POST /api/auth/new-password",
  "POST /api/auth/sign-out",
  "POST /api/help-requests",
  "POST /api/diagnostics",
  "GET /api/health",
  // Answers as if signed out, so a device cut off by support still learns it and wipes its copy.
  "POST /api/device-keys/open",
]);

export function newPasswordSessionMay(method: string, path: string): boolean {
  return newPasswordSessionRoutes.has(`${method} ${path}`);
}
