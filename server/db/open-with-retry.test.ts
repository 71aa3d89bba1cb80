import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { OpenDatabase } from "./open.ts";
import { DatabaseUnreachableError, openDatabaseWithRetry } from "./open-with-retry.ts";

const url = "postgres://hearth:secret-password@db.internal:5433/hearth";

function refused(): Error {
  return Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5433"), { code: "ECONNREFUSED" });
}

/** A clock that only the retries' sleeps move, and the sleeps they asked for. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

/** An unreachable database at start (docs/security.md, "Database faults"). */
describe("opening the database at start", () => {
  it("tries again with growing waits for the configured time, then gives up in one line", async () => {
    const time = fakeTime();
    const logged: string[] = [];
    let attempts = 0;
    const opening = openDatabaseWithRetry(
      { databaseUrl: url, timeoutMs: 30_000 },
      {
        ...time,
        log: (line) => logged.push(line),
        open: async () => {
          attempts++;
          throw refused();
        },
      },
    );
    await expect(opening).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(opening).rejects.toThrow(
      "PostgreSQL at db.internal:5433 could not be reached (connection refused, ECONNREFUSED) within 30 s",
    );
    expect(time.sleeps).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 4500]);
    expect(attempts).toBe(8);
    // Told once, not once per attempt, and never the URL's password.
    expect(logged).toEqual([
      "Hearth cannot reach PostgreSQL at db.internal:5433 yet (connection refused, ECONNREFUSED); trying again for up to 30 s (DATABASE_WAIT_SECONDS)",
    ]);
  });

  it("goes on when the database answers in time", async () => {
    const time = fakeTime();
    const opened = { kind: "postgres" } as OpenDatabase;
    let attempts = 0;
    const result = await openDatabaseWithRetry(
      { databaseUrl: url, timeoutMs: 30_000 },
      {
        ...time,
        log: () => {},
        open: async () => {
          if (++attempts < 3) throw new Error("Connection terminated unexpectedly");
          return opened;
        },
      },
    );
    expect(result).toBe(opened);
    expect(time.sleeps).toEqual([500, 1000]);
  });

  it("does not wait out a failure that waiting cannot change", async () => {
    const time = fakeTime();
    const badPassword = Object.assign(new Error("password authentication failed"), {
      code: "28P01",
    });
    const opening = openDatabaseWithRetry(
      { databaseUrl: url, timeoutMs: 30_000 },
      {
        ...time,
        log: () => {},
        open: async () => {
          throw badPassword;
        },
      },
    );
    await expect(opening).rejects.toBe(badPassword);
    expect(time.sleeps).toEqual([]);
  });

  it("stops the server with a readable line and exit code 1, no stack trace", async () => {
    const started = Date.now();
    const server = spawn(join("node_modules", ".bin", "tsx"), ["server/main.ts"], {
      env: {
        ...process.env,
        // Port 1: nothing listens there, so every attempt is refused.
        DATABASE_URL: "postgres://hearth:secret-password@127.0.0.1:1/hearth",
        DATABASE_WAIT_SECONDS: "2",
        PORT: "0",
      },
    });
    let stderr = "";
    server.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    server.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("listening on port")) server.kill("SIGKILL");
    });
    const code = await new Promise((resolve) =>
      server.on("exit", (c, signal) => resolve(c ?? signal)),
    );
    expect(code).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(stderr.trim().split("\n")).toEqual([
      "Hearth cannot reach PostgreSQL at 127.0.0.1:1 yet (connection refused, ECONNREFUSED); trying again for up to 2 s (DATABASE_WAIT_SECONDS)",
      "Hearth cannot start: PostgreSQL at 127.0.0.1:1 could not be reached (connection refused, ECONNREFUSED) within 2 s; check DATABASE_URL and that the database is running, or wait longer with DATABASE_WAIT_SECONDS",
    ]);
    // Starting tsx and the server is slow on a busy machine.
  }, 120_000);
});
