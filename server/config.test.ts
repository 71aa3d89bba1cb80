import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("has working defaults for a newcomer's machine", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8787,
      dataDir: "./data",
      databaseUrl: undefined,
      databaseWaitMs: 60_000,
      publicOrigin: "http://localhost:8787",
      secure: false,
      sessionIdleMs: 30 * 60_000,
      sessionAbsoluteMs: 12 * 3_600_000,
      deviceKeyMaxIdleMs: 30 * 86_400_000,
    });
  });

  it("reads every setting", () => {
    const config = loadConfig({
      PORT: "9000",
      DATA_DIR: "/var/lib/hearth",
      DATABASE_URL: "postgres://127.0.0.1/hearth",
      DATABASE_WAIT_SECONDS: "5",
      PUBLIC_ORIGIN: "https://portal.example.org/some/path",
      SESSION_IDLE_MINUTES: "15",
      SESSION_ABSOLUTE_HOURS: "8",
      DEVICE_KEY_MAX_IDLE_DAYS: "7",
    });
    expect(config).toMatchObject({
      port: 9000,
      dataDir: "/var/lib/hearth",
      databaseUrl: "postgres://127.0.0.1/hearth",
      databaseWaitMs: 5000,
      publicOrigin: "https://portal.example.org",
      secure: true,
      sessionIdleMs: 15 * 60_000,
      sessionAbsoluteMs: 8 * 3_600_000,
      deviceKeyMaxIdleMs: 7 * 86_400_000,
    });
  });

  it.each([
    [{ PORT: "eighty" }, /PORT/],
    [{ PORT: "70000" }, /PORT/],
    [{ PUBLIC_ORIGIN: "not a url" }, /PUBLIC_ORIGIN/],
    [{ PUBLIC_ORIGIN: "ftp://x.example" }, /PUBLIC_ORIGIN/],
    [{ DATABASE_URL: "mysql://x" }, /DATABASE_URL/],
    [{ SESSION_IDLE_MINUTES: "-5" }, /SESSION_IDLE_MINUTES/],
    [{ SESSION_IDLE_MINUTES: "600", SESSION_ABSOLUTE_HOURS: "1" }, /SESSION_ABSOLUTE_HOURS/],
    [{ DATABASE_WAIT_SECONDS: "3601" }, /DATABASE_WAIT_SECONDS/],
    [{ DEVICE_KEY_MAX_IDLE_DAYS: "0" }, /DEVICE_KEY_MAX_IDLE_DAYS/],
    [{ DEVICE_KEY_MAX_IDLE_DAYS: "thirty" }, /DEVICE_KEY_MAX_IDLE_DAYS/],
  ])("names the bad variable in %o", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
