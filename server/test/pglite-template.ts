import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../db/open.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated, empty PGlite cluster dumped to a file (see `setup`). */
    pgliteTemplate: string;
  }
}

/**
 * Vitest global setup: migrate one in-memory PGlite and dump it to a file, once for the whole
 * run. A fresh PGlite with every migration took up to 60 s per test file on a busy machine
 * (issue 15 item 7); each file's `openTestDatabase("pglite")` now starts from the dump
 * (server/test/database.ts) and only checks that the migrations are applied.
 */
export default async function setup(project: TestProject) {
  const opened = await openDatabase({});
  // drizzle's PGlite database keeps its client as `$client`; the shared Database type hides it.
  const client = (opened.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("none");
  await opened.close();
  const folder = mkdtempSync(join(tmpdir(), "hearth-pglite-template-"));
  const file = join(folder, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgliteTemplate", file);
  return () => rmSync(folder, { recursive: true, force: true });
}
