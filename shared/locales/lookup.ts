/**
 * Hearth's one word lookup (docs/decisions/0030-word-lookup.md): a dotted key in a language's
 * words, the plural form picked by `count` with the language's Intl.PluralRules, and
 * `{{name}}` / `{{count, number}}` filled in. The client's `t()` (client/i18n/i18n.ts) and the
 * end-to-end tests' `text()` (e2e/support/locales.ts) both read words through it, so a test
 * expects exactly what a person is shown.
 */

/** A language's words: nested objects of strings, as in shared/locales/*.json. */
export interface Words {
  [key: string]: string | Words;
}

export type WordValues = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * The text at `key` in `locale`'s `words`, filled in from `values`; undefined when there is
 * none. With a numeric `count` the plural forms are tried in the order i18next, which
 * Hearth used before, tried them (the locale files keep its suffixes): `key_zero` for 0 if the language has a sentence of its own for it, then
 * `key_<category>` (`one`, `few`, `many`…), then `key` itself.
 *
 * @example translate(en, "en", "record.found", { count: 2 }) // "2 results"
 */
export function translate(
  words: Words,
  locale: string,
  key: string,
  values: WordValues = {},
): string | undefined {
  const path = key.split(".");
  const last = path.pop() ?? "";
  let parent: string | Words | undefined = words;
  for (const part of path) parent = typeof parent === "object" ? parent[part] : undefined;
  if (typeof parent !== "object") return undefined;
  const text = pick(parent, last, locale, values.count);
  return typeof text === "string" ? fillIn(text, locale, values) : undefined;
}

function pick(
  parent: Words,
  key: string,
  locale: string,
  count: unknown,
): string | Words | undefined {
  if (typeof count !== "number") return parent[key];
  if (count === 0 && typeof parent[`${key}_zero`] === "string") return parent[`${key}_zero`];
  return parent[`${key}_${rulesOf(locale).select(count)}`] ?? parent[key];
}

/** `{{name}}` from `values`; `{{count, number}}` as a number in the language. A name with no
 * value stays as it is, so a missing value shows in tests instead of vanishing. */
function fillIn(text: string, locale: string, values: WordValues): string {
  if (!text.includes("{{")) return text;
  return text.replace(
    /\{\{\s*(\w+)\s*(,\s*number\s*)?\}\}/g,
    (whole, name: string, number?: string) => {
      const value = values[name];
      if (value === undefined) return whole;
      return number && typeof value === "number"
        ? numberFormatOf(locale).format(value)
        : String(value);
    },
  );
}

function rulesOf(locale: string): Intl.PluralRules {
  const rules = pluralRules.get(locale) ?? new Intl.PluralRules(locale);
  pluralRules.set(locale, rules);
  return rules;
}

function numberFormatOf(locale: string): Intl.NumberFormat {
  const format = numberFormats.get(locale) ?? new Intl.NumberFormat(locale);
  numberFormats.set(locale, format);
  return format;
}
