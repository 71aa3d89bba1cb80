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
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
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

describe.each(locales)("locale %s", (locale) => {
  const entries = everything(locale);
  const keys = entries.map(([key]) => key);

  it("has every key of en.json", () => {
    expect([...english.keys()].filter((key) => !keys.includes(key))).toEqual([]);
  });

  it("has no key that en.json does not have", () => {
    expect(keys.filter((key) => !english.has(key))).toEqual([]);
  });

  it("has only non-empty strings", () => {
    const bad = entries.filter(([, text]) => typeof text !== "string" || text.trim() === "");
    expect(bad.map(([key]) => key)).toEqual([]);
  });

  it("uses the same {{placeholders}} as English in every text", () => {
    const mismatched = entries
      .filter(([key, text]) => english.has(key) && typeof text === "string")
      .filter(
        ([key, text]) =>
          placeholders(text as string).join() !== placeholders(String(english.get(key))).join(),
      )
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
