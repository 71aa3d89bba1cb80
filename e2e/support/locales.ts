import { readFileSync } from "node:fs";
import { locales, namespaces } from "../../shared/locales/index.ts";

export { locales };

type Tree = { [key: string]: string | Tree };

const cache = new Map<string, Tree>();

/** A string from a locale file, so tests follow the words people actually see. */
export function text(locale: string, key: string, values: Record<string, string> = {}): string {
  let tree = cache.get(locale);
  if (!tree) {
    // The main file and every namespace under its name, merged as the app merges them.
    const read = (file: string) =>
      JSON.parse(
        readFileSync(new URL(`../../shared/locales/${file}.json`, import.meta.url), "utf8"),
      ) as Tree;
    tree = read(locale);
    for (const namespace of namespaces) tree[namespace] = read(`${namespace}/${locale}`);
    cache.set(locale, tree);
  }
  let node: string | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`No string ${key} in the ${locale} words`);
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? `{{${name}}}`);
}
