import { readFileSync } from "node:fs";
import { locales, namespaces } from "../../shared/locales/index.ts";

export { locales };

type Tree = { [key: string]: string | Tree };

const cache = new Map<string, Tree>();

/**
 * A string from a locale file, so tests follow the words people actually see. With a numeric
 * `count`, the plural form the language's rules pick (`key_one`, `key_few`, …), as i18next does;
 * "{{count, number}}" is the number formatted in that language.
 */
export function text(
  locale: string,
  key: string,
  values: Record<string, string | number> = {},
): string {
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
  const parts = key.split(".");
  const last = parts.pop() as string;
  let parent: string | Tree | undefined = tree;
  for (const part of parts) parent = typeof parent === "object" ? parent[part] : undefined;
  const count = values.count;
  const leaf =
    typeof parent !== "object"
      ? undefined
      : typeof count === "number"
        ? (parent[
            `${last}_${count === 0 && `${last}_zero` in parent ? "zero" : new Intl.PluralRules(locale).select(count)}`
          ] ?? parent[last])
        : parent[last];
  if (typeof leaf !== "string") throw new Error(`No string ${key} in the ${locale} words`);
  return leaf.replace(
    /\{\{\s*(\w+)\s*(,\s*number\s*)?\}\}/g,
    (_, name: string, number?: string) => {
      const value = values[name];
      if (value === undefined) return `{{${name}}}`;
      return number && typeof value === "number"
        ? new Intl.NumberFormat(locale).format(value)
        : String(value);
    },
  );
}
