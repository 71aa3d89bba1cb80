import { type OpenDatabase, openDatabase } from "./open.ts";
import { databaseHost, isDatabaseUnavailable } from "./unavailable.ts";

/** The server cannot start: its message is the one line it stops with. */
export class DatabaseUnreachableError extends Error {
  override name = "DatabaseUnreachableError";
}

const firstDelayMs = 500;
const longestDelayMs = 10_000;

/**
 * Opens the database at start, waiting for a PostgreSQL that cannot be reached yet (started
 * beside Hearth, restarting, failing over): tries again after 0.5 s, 1 s, 2 s… (at most 10 s
 * apart) until `timeoutMs` has passed, then gives up with one line that names the problem and
 * never the URL, which can hold a password (docs/security.md). Any other failure (a refused
 * password, a migration) is thrown at once: waiting would not change it.
 */
export async function openDatabaseWithRetry(
  options: Parameters<typeof openDatabase>[0] & { timeoutMs: number },
  deps: {
    log: (line: string) => void;
    open?: typeof openDatabase;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
  },
): Promise<OpenDatabase> {
  const open = deps.open ?? openDatabase;
  const sleep = deps.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = deps.now ?? Date.now;
  const started = now();
  let delay = firstDelayMs;
  let told: string | undefined;
  for (;;) {
    try {
      return await open(options);
    } catch (error) {
      if (!options.databaseUrl || !isDatabaseUnavailable(error)) throw error;
      const where = `PostgreSQL at ${databaseHost(options.databaseUrl)}`;
      const problem = reason(error);
      const left = options.timeoutMs - (now() - started);
      if (left <= 0) {
        throw new DatabaseUnreachableError(
          `${where} could not be reached (${problem}) within ${options.timeoutMs / 1000} s; ` +
            "check DATABASE_URL and that the database is running, or wait longer with " +
            "DATABASE_WAIT_SECONDS",
        );
      }
      // Said once, and again only if the problem changes: not a line per attempt.
      if (problem !== told) {
        deps.log(
          `Hearth cannot reach ${where} yet (${problem}); trying again for up to ` +
            `${options.timeoutMs / 1000} s (DATABASE_WAIT_SECONDS)`,
        );
        told = problem;
      }
      await sleep(Math.min(delay, left));
      delay = Math.min(delay * 2, longestDelayMs);
    }
  }
}

/** The cause in words, with the code an administrator would search for. */
function reason(error: unknown): string {
  const code = codeOf(error);
  const words: Record<string, string> = {
    ECONNREFUSED: "connection refused",
    ECONNRESET: "connection reset",
    ETIMEDOUT: "no answer",
    EHOSTUNREACH: "host unreachable",
    ENETUNREACH: "network unreachable",
    ENOTFOUND: "host name not found",
    EAI_AGAIN: "host name lookup failed",
    "57P03": "the database is starting up",
    "53300": "too many connections",
  };
  if (code === undefined) return "no connection";
  return words[code] ? `${words[code]}, ${code}` : code;
}

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,20}$/.test(code)) return code;
    if (current instanceof AggregateError) {
      const inner = current.errors.map(codeOf).find((c) => c !== undefined);
      if (inner) return inner;
    }
    current = current.cause;
  }
  return undefined;
}
