// `npm run fhir:import -- <file.json>... [--account <username>]`: imports FHIR R4 files into the
// configured database (DATA_DIR or DATABASE_URL), one transaction per file.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { loadConfig } from "../config.ts";
import type { Database } from "../db/open.ts";
import { openDatabase } from "../db/open.ts";
import { FhirFileError } from "./bundle-reader.ts";
import { ImportRefusedError, type ImportReport, importFhirFile } from "./import.ts";

export const usage = "Usage: npm run fhir:import -- <file.json>... [--account <username>]";

export function parseImportArgs(
  argv: readonly string[],
): { files: string[]; account: string | undefined } | { error: string } {
  const files: string[] = [];
  let account: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--account") {
      account = argv[++i];
      if (!account || account.startsWith("--")) return { error: "--account needs a username" };
    } else if (arg.startsWith("--account=")) {
      account = arg.slice("--account=".length);
    } else if (arg.startsWith("--")) {
      return { error: `unknown option ${arg}` };
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) return { error: "no files given" };
  return { files, account };
}

/**
 * Imports each file in turn and prints what it found; a file that cannot be taken is reported
 * with the reason and leaves nothing behind, and the others still go in. Answers the exit code:
 * 0 when every file was imported, 1 otherwise.
 */
export async function runImport(
  db: Database,
  files: readonly string[],
  account: string | undefined,
  print: (line: string) => void,
): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      print(
        `${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); nothing imported`,
      );
      failed++;
      continue;
    }
    try {
      const report = await importFhirFile(db, text, { account });
      for (const line of describeReport(file, report)) print(line);
    } catch (error) {
      failed++;
      const known = error instanceof FhirFileError || error instanceof ImportRefusedError;
      // A database error's own message holds the whole query and its parameters (patient data):
      // print only what the database said.
      const cause = (error as Error).cause;
      const detail = cause instanceof Error ? cause.message : (error as Error).message;
      const code = error instanceof FhirFileError && error.code ? `${error.code}: ` : "";
      const reason = known
        ? `${code}${(error as Error).message}`
        : `failed: ${detail.slice(0, 300)}`;
      print(`${file}: ${reason}; nothing imported from this file`);
    }
  }
  if (files.length > 1) print(`${files.length - failed} of ${files.length} files imported`);
  return failed === 0 ? 0 : 1;
}

export function describeReport(file: string, report: ImportReport): string[] {
  const lines = [`${file}: ${report.description}`];
  if (report.accountCreated) {
    lines.push(
      `  created the patient account ${report.accountCreated}: it has no password, and cannot be signed in to until it is activated`,
    );
  }
  for (const patient of report.patients) {
    const who = patient.name ?? "a patient with no name yet";
    const born = patient.birthDate ? `, born ${patient.birthDate}` : "";
    const linked = patient.account ? `, account ${patient.account}` : "";
    const outcome = {
      new: "new",
      existing: "already in Hearth",
      placeholder: "new, with no Patient resource yet",
    }[patient.outcome];
    lines.push(`  patient ${who}${born}: ${outcome} (${patient.id}${linked})`);
  }
  const counts = Object.entries(report.counts)
    .sort(([, a], [, b]) => b - a)
    .map(([type, n]) => `${type} ${n}`)
    .join(", ");
  const total = report.created + report.updated + report.unchanged;
  lines.push(
    `  ${counts || "no resources"} (${total} stored: ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged${report.deleted ? `, ${report.deleted} deleted` : ""})`,
  );
  if (report.directory) {
    lines.push(
      `  ${report.directory} kept as directory entries: the file names no patient (give --account to add them to a record)`,
    );
  }
  for (const skipped of report.skipped)
    lines.push(`  skipped entry ${skipped.position}: ${skipped.reason}`);
  return lines;
}

async function main(): Promise<number> {
  const args = parseImportArgs(process.argv.slice(2));
  if ("error" in args) {
    console.error(`${args.error}\n${usage}`);
    return 2;
  }
  const database = await openDatabase(loadConfig());
  try {
    return await runImport(database.db, args.files, args.account, (line) => console.log(line));
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
