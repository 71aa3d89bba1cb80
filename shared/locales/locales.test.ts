import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../errors.ts";
import { type Locale, locales, type Namespace, namespaces } from "./index.ts";

type Messages = { [key: string]: string | Messages };

/** A language's main file, or with `namespace` its file in that namespace's folder. */
function load(locale: Locale, namespace?: Namespace): Messages {
  const file = namespace ? `./${namespace}/${locale}.json` : `./${locale}.json`;
  return JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8"));
}

/** Every leaf as [dotted key, text]; a non-string, non-object leaf is reported as invalid. */
function leaves(messages: Messages, prefix = ""): [string, unknown][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null && !Array.isArray(value)
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

/** The {{name}} placeholders of a text, sorted, so word order may differ between languages. */
function placeholders(text: string): string[] {
  // "{{count, number}}" is `count` formatted by shared/locales/lookup.ts (Intl.NumberFormat).
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)]
    .map((match) => match[1] ?? "")
    .sort();
}

/** Every key of a language, namespaces included under their names, as the app reads them. */
function everything(locale: Locale): [string, unknown][] {
  return [
    ...leaves(load(locale)),
    ...namespaces.flatMap((namespace) => leaves(load(locale, namespace), `${namespace}.`)),
  ];
}

it("keeps each namespace out of the main file", () => {
  const main = Object.keys(load("en"));
  expect(namespaces.filter((namespace) => main.includes(namespace))).toEqual([]);
});

const english = new Map(everything("en"));

/**
 * Plural forms: shared/locales/lookup.ts picks `key_<category>` by `count` through Intl.PluralRules, so a text
 * with a count has, in each language, exactly that language's categories (English one/other,
 * Spanish one/many/other, Arabic six, Vietnamese and Chinese other only); `_zero` may be added
 * in any language for a sentence of its own ("No results"). Keys compare by their base.
 */
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function baseKey(key: string): string {
  return key.replace(pluralSuffix, "");
}

function pluralForms(entries: [string, unknown][]): Map<string, Set<string>> {
  const forms = new Map<string, Set<string>>();
  for (const [key] of entries) {
    const match = pluralSuffix.exec(key);
    if (!match) continue;
    const base = baseKey(key);
    forms.set(base, (forms.get(base) ?? new Set()).add(match[1] as string));
  }
  return forms;
}

const englishBases = new Map(
  [...english].map(([key, text]) => [baseKey(key), english.get(`${baseKey(key)}_other`) ?? text]),
);

describe.each(locales)("locale %s", (locale) => {
  const entries = everything(locale);
  const keys = new Set(entries.map(([key]) => baseKey(key)));

  it("has every key of en.json", () => {
    expect([...englishBases.keys()].filter((key) => !keys.has(key))).toEqual([]);
  });

  it("has no key that en.json does not have", () => {
    expect([...keys].filter((key) => !englishBases.has(key))).toEqual([]);
  });

  it("has each plural text in exactly this language's plural forms", () => {
    const categories = new Set(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
    const forms = pluralForms(entries);
    const wrong = [...pluralForms(everything("en")).keys()].flatMap((base) => {
      const held = forms.get(base) ?? new Set<string>();
      const missing = [...categories].filter((c) => !held.has(c));
      const extra = [...held].filter((c) => !categories.has(c as never) && c !== "zero");
      return missing.length || extra.length ? [`${base}: missing ${missing} extra ${extra}`] : [];
    });
    // A plural text in this language that is not plural in English is just as wrong.
    const stray = [...forms.keys()].filter((base) => !english.has(`${base}_other`));
    expect([...wrong, ...stray]).toEqual([]);
  });

  it("has only non-empty strings", () => {
    const bad = entries.filter(([, text]) => typeof text !== "string" || text.trim() === "");
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it("uses the same {{placeholders}} as English in every text", () => {
    const mismatched = entries
      .filter(([key, text]) => englishBases.has(baseKey(key)) && typeof text === "string")
      .filter(([key, text]) => {
        const own = placeholders(text as string);
        const theirs = placeholders(String(englishBases.get(baseKey(key))));
        // A singular form may say "one" in words instead of {{count}}; nothing else may differ.
        if (pluralSuffix.test(key) && !key.endsWith("_other")) {
          return own.some((name) => !theirs.includes(name));
        }
        return own.join() !== theirs.join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it("explains every error code with a message and an action", () => {
    const texts = new Map(entries);
    const missing = errorCodes.flatMap((code) =>
      ["message", "action"]
        .map((part) => `errors.${code}.${part}`)
        .filter((key) => typeof texts.get(key) !== "string" || texts.get(key) === ""),
    );
    expect(missing).toEqual([]);
  });
});
