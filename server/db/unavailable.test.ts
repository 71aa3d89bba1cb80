import { describe, expect, it } from "vitest";
import { databaseHost, isDatabaseUnavailable } from "./unavailable.ts";

/** As Drizzle reports a failed query: its own error, the driver's in `cause`. */
function wrapped(cause: Error): Error {
  return new Error("Failed query: select …\nparams: …", { cause });
}

function coded(code: string, message = "…"): Error {
  return Object.assign(new Error(message), { code });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["terminated by an administrator (pg_terminate_backend)", coded("57P01")],
    ["the server crashed", coded("57P02")],
    ["the server is starting up", coded("57P03")],
    ["a connection exception", coded("08006")],
    ["too many connections", coded("53300")],
    ["refused", coded("ECONNREFUSED")],
    ["reset", coded("ECONNRESET")],
    ["the socket closed", new Error("Connection terminated unexpectedly")],
    [
      "a broken client reused",
      new Error("Client has encountered a connection error and is not queryable"),
    ],
    ["no connection free in time", new Error("timeout exceeded when trying to connect")],
    ["several addresses refused", new AggregateError([coded("ECONNREFUSED")], "")],
  ])("is true when %s, also inside Drizzle's error", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(error))).toBe(true);
  });

  it.each([
    ["a unique violation", coded("23505")],
    ["a syntax error", coded("42601")],
    ["a bad password (waiting will not help)", coded("28P01")],
    ["a bug", new TypeError("x is undefined")],
    ["not an error", "Connection terminated"],
  ])("is false for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    if (error instanceof Error) expect(isDatabaseUnavailable(wrapped(error))).toBe(false);
  });
});

describe("databaseHost", () => {
  it("names the host and port, never the user or password", () => {
    expect(databaseHost("postgres://hearth:s3cret@db.internal/hearth?sslmode=require")).toBe(
      "db.internal:5432",
    );
    expect(databaseHost("postgresql://127.0.0.1:6432/x")).toBe("127.0.0.1:6432");
  });
});
