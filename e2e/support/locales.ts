import { readFileSync } from "node:fs";
import { locales, namespaces } from "../../shared/locales/index.ts";
import { translate, type Words } from "../../shared/locales/lookup.ts";

export { locales };

const cache = new Map<string, Words>();

/**
 * A string from a locale file, so tests follow the words people actually see: read through the
 * app's own lookup (shared/locales/lookup.ts), plural forms and "{{count, number}}" included.
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
      ) as Words;
    tree = read(locale);
    for (const namespace of namespaces) tree[namespace] = read(`${namespace}/${locale}`);
    cache.set(locale, tree);
  }
  const found = translate(tree, locale, key, values);
  if (found === undefined) throw new Error(`No string ${key} in the ${locale} words`);
  return found;
}

/**
 * `text` for one namespace's words (shared/locales/<namespace>/), for specs that read mostly
 * one of them.
 *
 * @example const words = wordsOf("appointments"); words("es", "book.confirm")
 */
export function wordsOf(namespace: string) {
  return (locale: string, key: string, values: Record<string, string | number> = {}) =>
    text(locale, `${namespace}.${key}`, values);
}
