// Comments cite only documents in the repository, and what they cite is there: a docs/ path, any
// other .md file, an item of docs/abuse-cases.md, an ADR by its number (docs/decisions/).
import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readRepoFile, repoRoot, sourceFiles } from "./repo-files.ts";

const abuseCases = "docs/abuse-cases.md";

/** What `text` cites: repository paths, abuse-case numbers and ADR numbers. */
function citationsIn(text: string) {
  // Up to the last letter or digit: a "." or "/" after a path ends the sentence, not the path.
  const paths = [...text.matchAll(/(?<![\w./-])(?:docs\/[\w./-]*|[\w./-]+\.md)\b/g)].map(
    (m) => m[0],
  );
  const abuse = [...text.matchAll(/docs\/abuse-cases\.md((?:(?:,| and|;)? ?\d+(?:[–-]\d+)?)+)/g)];
  const adrs = [...text.matchAll(/\bADRs? (\d+(?:(?:, | and |–|-)\d+)*)/g)];
  return {
    paths,
    abuseCases: abuse.flatMap((m) => numbersIn(m[1] ?? "")),
    adrs: adrs.flatMap((m) => numbersIn(m[1] ?? "")),
  };
}

function numbersIn(list: string): number[] {
  return [...list.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

const cited = sourceFiles(["client", "server", "shared", "e2e", "scripts"])
  .concat(["vite.config.ts", "vitest.config.ts", "playwright.config.ts", "drizzle.config.ts"])
  .map((file) => ({ file, ...citationsIn(readRepoFile(file)) }));

describe("documents cited in the code", () => {
  it("are in the repository", () => {
    const missing = cited.flatMap(({ file, paths }) =>
      paths
        .filter((path) => !existsSync(new URL(path, repoRoot)))
        .map((path) => `${file}: ${path}`),
    );
    expect(missing, `cited but not in the repository:\n${missing.join("\n")}`).toEqual([]);
  });

  it("name abuse cases that docs/abuse-cases.md lists", () => {
    const listed = new Set(
      [...readRepoFile(abuseCases).matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])),
    );
    const missing = cited.flatMap(({ file, abuseCases: numbers }) =>
      numbers.filter((n) => !listed.has(n)).map((n) => `${file}: ${abuseCases} ${n}`),
    );
    expect(missing).toEqual([]);
  });

  it("name ADRs that docs/decisions/ holds", () => {
    const held = new Set(
      readdirSync(new URL("docs/decisions/", repoRoot)).map((name) => Number.parseInt(name, 10)),
    );
    const missing = cited.flatMap(({ file, adrs }) =>
      adrs.filter((n) => !held.has(n)).map((n) => `${file}: ADR ${n}`),
    );
    expect(missing).toEqual([]);
  });

  it("are found wherever a comment cites them", () => {
    const doc = "docs/decisions/0013-sync-protocol.md";
    const list = "docs/abuse-cases.md";
    const text = `// see ${doc}. Also (${list} 11–13, 25; ASVS 6.3.8), ADRs 8, 9 and 10, ${"ARCHITECTURE"}.md`;
    expect(citationsIn(text)).toEqual({
      paths: [doc, list, `${"ARCHITECTURE"}.md`],
      abuseCases: [11, 13, 25],
      adrs: [8, 9, 10],
    });
  });
});
