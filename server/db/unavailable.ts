/**
 * Whether an error means the database could not be reached or dropped the connection, as
 * opposed to a query it refused: the first is answered SRV-502 (503, try again), the second is
 * a bug (SRV-501). Drizzle wraps the driver's error in `cause`, so the chain is walked.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (unavailable(current)) return true;
    // Node's happy-eyeballs connect (several addresses) fails with one error per address.
    if (current instanceof AggregateError && current.errors.some((e) => isDatabaseUnavailable(e)))
      return true;
    current = current.cause;
  }
  return false;
}

/**
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (the server is shutting down, crashed
 * or not yet accepting connections: pg_terminate_backend, a failover, a restart) and 53300
 * (too many connections); the socket's own errno; and node-postgres's errors that have no
 * code, recognised by its fixed wording (never data: these messages quote nothing).
 */
function unavailable(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === "53300") return true;
    if (socketCodes.has(code)) return true;
  }
  return driverMessages.some((pattern) => pattern.test(error.message));
}

const socketCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

const driverMessages = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
];

/** Where a PostgreSQL URL points, without the user, password or options it may carry. */
export function databaseHost(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || "5432"}`;
}
