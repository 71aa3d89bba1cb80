import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirLockedError } from "./data-dir-lock.ts";
import { openDatabase } from "./open.ts";

/**
 * Database faults (docs/security.md): two servers on one PGlite folder both started, and each
 * overwrote the other's writes. The second must refuse, and say that several processes need
 * PostgreSQL.
 */
// Opening PGlite and starting a server are slow on a busy machine.
describe("the PGlite data folder's lock", { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "hearth-lock-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("refuses a second opening of the folder until the first is closed", async () => {
    const first = await openDatabase({ dataDir });
    try {
      const second = openDatabase({ dataDir });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(/use PostgreSQL \(set DATABASE_URL\)/);
      await expect(second).rejects.toThrow(`(pid ${process.pid})`);
    } finally {
      await first.close();
    }
    expect(() => readFileSync(join(dataDir, "hearth.lock"))).toThrow();
    const again = await openDatabase({ dataDir });
    await again.close();
  });

  it("takes over a lock left by a process that is no longer running", async () => {
    const gone = spawnSync(process.execPath, ["-e", ""]).pid as number;
    writeFileSync(join(dataDir, "hearth.lock"), `${gone}\n`);
    const opened = await openDatabase({ dataDir });
    expect(readFileSync(join(dataDir, "hearth.lock"), "utf8").trim()).toBe(String(process.pid));
    await opened.close();
  });

  it("stops a second server on the folder with one line that says to use PostgreSQL", async () => {
    // This process holds the folder, as a running server would.
    const first = await openDatabase({ dataDir });
    try {
      const second = spawn(join("node_modules", ".bin", "tsx"), ["server/main.ts"], {
        env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, PORT: "0" },
      });
      let stderr = "";
      second.stderr.on("data", (chunk) => {
        stderr += chunk;
      });
      // Started instead (the fault this guards against): stopped here, and the test fails.
      second.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("listening on port")) second.kill("SIGKILL");
      });
      const code = await new Promise((resolve) =>
        second.on("exit", (c, signal) => resolve(c ?? signal)),
      );
      expect(code).toBe(1);
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Hearth cannot start: the embedded database in .+ is already open/);
      expect(lines[0]).toContain(`pid ${process.pid}`);
      expect(lines[0]).toContain("use PostgreSQL (set DATABASE_URL)");
    } finally {
      await first.close();
    }
  });
});
