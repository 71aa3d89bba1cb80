// The repository's own source files and what they import, read as text: for the tests that hold
// the code to the project's rules (scripts/boundaries.test.ts, scripts/doc-citations.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import ts from "typescript";

export const repoRoot = new URL("../", import.meta.url);

/** Every .ts and .tsx file under the given top-level folders, as repository paths. */
export function sourceFiles(tops: string[]): string[] {
  return tops.flatMap((top) =>
    readdirSync(new URL(`${top}/`, repoRoot), { recursive: true, encoding: "utf8" })
      .map((name) => `${top}/${name.replaceAll("\\", "/")}`)
      .filter((path) => /\.tsx?$/.test(path) && !path.includes("/node_modules/"))
      .sort(),
  );
}

export function readRepoFile(path: string): string {
  return readFileSync(new URL(path, repoRoot), "utf8");
}

export interface Import {
  file: string;
  line: number;
  specifier: string;
  /** The imported file as a repository path. */
  target: string;
}

/**
 * The files of ours that `source` (the text of `file`) imports: static, type-only, re-exports and
 * lazy `import()`. TypeScript's own pre-parser finds them, so comments and strings do not count.
 */
export function importsIn(file: string, source: string): Import[] {
  return ts
    .preProcessFile(source, true, true)
    .importedFiles.filter((found) => found.fileName.startsWith("."))
    .map((found) => ({
      file,
      line: source.slice(0, found.pos).split("\n").length,
      specifier: found.fileName,
      target: posix.join(posix.dirname(file), found.fileName),
    }));
}

export function repoImports(tops: string[]): Import[] {
  return sourceFiles(tops).flatMap((file) => importsIn(file, readRepoFile(file)));
}
