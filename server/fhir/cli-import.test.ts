import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../db/open.ts";
import { resources } from "../db/schema.ts";
import { openTestDatabase } from "../test/database.ts";
import { testBundle } from "../test/records.ts";
import { parseImportArgs, runImport } from "./cli-import.ts";

describe("parseImportArgs", () => {
  it("takes files and an account, in any order", () => {
    expect(parseImportArgs(["a.json", "--account", "ana", "b.json"])).toEqual({
      files: ["a.json", "b.json"],
      account: "ana",
    });
    expect(parseImportArgs(["--account=ana", "a.json"])).toEqual({
      files: ["a.json"],
      account: "ana",
    });
    expect(parseImportArgs(["a.json"])).toEqual({ files: ["a.json"], account: undefined });
  });
  it("refuses what it cannot use", () => {
    expect(parseImportArgs([])).toEqual({ error: "no files given" });
    expect(parseImportArgs(["a.json", "--account"])).toEqual({
      error: "--account needs a username",
    });
    expect(parseImportArgs(["--force", "a.json"])).toEqual({ error: "unknown option --force" });
  });
});

describe("runImport", () => {
  let database: OpenDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDatabase("pglite");
    dir = mkdtempSync(join(tmpdir(), "hearth-import-"));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints the patients and counts per file, names a bad file and its problem, and imports the rest", async () => {
    const good = join(dir, "good.json");
    const stu3 = join(dir, "old.json");
    const notJson = join(dir, "notes.txt");
    writeFileSync(good, testBundle("transaction-methods"));
    writeFileSync(
      stu3,
      JSON.stringify({
        resourceType: "Bundle",
        type: "collection",
        entry: [{ resource: { resourceType: "ReferralRequest" } }],
      }),
    );
    writeFileSync(notJson, "Dear Dr. Lee,");
    const lines: string[] = [];
    const code = await runImport(
      database.db,
      [good, stu3, notJson, join(dir, "missing.json")],
      undefined,
      (l) => lines.push(l),
    );
    expect(code).toBe(1);
    expect(lines).toContain(`${good}: transaction Bundle`);
    expect(
      lines.some((l) =>
        /^ {2}patient Ivana Novak, born 1977-07-07: new \([0-9a-f-]{36}\)$/.test(l),
      ),
    ).toBe(true);
    expect(lines).toContain("  Observation 3, Patient 1 (4 stored: 4 new, 0 changed, 0 unchanged)");
    expect(lines).toContain("  skipped entry 6: GET Observation?subject=Patient/p-77 is a read");
    expect(lines).toContain(
      `${stu3}: not FHIR R4: entry 1 is a ReferralRequest, a resource of FHIR STU3; nothing imported from this file`,
    );
    expect(lines.find((l) => l.startsWith(notJson))).toMatch(
      /: not JSON \(.*\); nothing imported from this file$/,
    );
    expect(lines).toContain(
      `${join(dir, "missing.json")}: cannot be read (ENOENT); nothing imported`,
    );
    expect(lines.at(-1)).toBe("1 of 4 files imported");
    const [rows] = await database.db.select({ n: count() }).from(resources);
    expect(rows?.n).toBe(4);
  });

  it("answers 0 when every file went in, and says when nothing changed", async () => {
    const good = join(dir, "good.json");
    const lines: string[] = [];
    expect(await runImport(database.db, [good], undefined, (l) => lines.push(l))).toBe(0);
    expect(lines).toContain("  Observation 3, Patient 1 (4 stored: 0 new, 0 changed, 4 unchanged)");
  });
});
