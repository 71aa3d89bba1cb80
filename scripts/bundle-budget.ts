/**
 * The sign-in page's JavaScript budget: 40 KB gzipped, for cheap phones on slow links.
 *
 * Counts every JavaScript file the sign-in page loads, read from the build's own records
 * (dist/client/.vite/manifest.json and index.html): the entry chunk and its static imports
 * (the modulepreloads), the sign-in route's lazy chunk and its static imports, and
 * workbox-window, which main.tsx loads once the page is up. Each file is gzipped on its own,
 * as the server sends it. The page's words are a JSON file, not script
 * (docs/decisions/0005-locale-files.md): its size is printed beside the budget, not in it.
 *
 *   npx vite build && npx tsx scripts/bundle-budget.ts
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const budgetBytes = 40 * 1024;
// CLIENT_DIR: a build made elsewhere than dist/client (the same variable the server reads).
const dist = process.env.CLIENT_DIR
  ? new URL(`${process.env.CLIENT_DIR.replace(/\/?$/, "/")}`, new URL("../", import.meta.url))
  : new URL("../dist/client/", import.meta.url);

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Lazy chunks the sign-in page always loads, found by the end of their source path (Vite manifest keys). */
const signInPageSources = ["features/auth/sign-in-page.tsx", "workbox-window.prod.mjs"];

function read(path: string): string {
  return readFileSync(new URL(path, dist), "utf8");
}

function main(): number {
  const manifest = JSON.parse(read(".vite/manifest.json")) as Manifest;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error("no entry chunk in .vite/manifest.json: was build.manifest on?");
  if (!manifest["features/auth/sign-in-page.tsx"]) {
    throw new Error("features/auth/sign-in-page.tsx is not a chunk of its own: is it lazy?");
  }

  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  for (const source of signInPageSources) {
    for (const key of Object.keys(manifest)) if (key.endsWith(source)) visit(key);
  }
  // Whatever index.html itself loads counts too, even if the manifest walk missed it.
  const html = read("index.html");
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/([^"]+\.js)"/g)) {
    if (match[1]) files.add(match[1]);
  }

  let total = 0;
  const rows = [...files].sort().map((file) => {
    const size = gzipSync(readFileSync(new URL(file, dist)), { level: 9 }).length;
    total += size;
    return `  ${kb(size).padStart(8)}  ${file}`;
  });
  console.log(rows.join("\n"));
  console.log(`sign-in page JS: ${kb(total)} gzip (budget ${kb(budgetBytes)})`);
  const words = Object.values(manifest).find((chunk) => chunk.src?.endsWith("locales/en.json"));
  if (words) {
    const size = gzipSync(readFileSync(new URL(words.file, dist)), { level: 9 }).length;
    console.log(`sign-in page words (${words.file}, JSON, outside the budget): ${kb(size)} gzip`);
  }
  if (total > budgetBytes) {
    console.error(`over budget by ${kb(total - budgetBytes)}`);
    return 1;
  }
  return 0;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

process.exitCode = main();
