import { createSignal } from "solid-js";
import {
  defaultLocale,
  directionOf,
  type Locale,
  type Namespace,
} from "../../shared/locales/index.ts";
import { translate, type Words } from "../../shared/locales/lookup.ts";
import { fetchMessages, type MessageFile, type Messages } from "./messages.ts";

/** A plural form's key ("found_one") as the app asks for it ("found", with a count). */
type PluralBase<K extends string> = K extends `${infer Base}_${PluralCategory}` ? Base : K;
type PluralCategory = "zero" | "one" | "two" | "few" | "many" | "other";

/**
 * Every dotted key of en.json ("signIn.username.label"), so a typo is a type error. Plural
 * forms (`_one`, `_other`, …: shared/locales/lookup.ts picks one by `count` and the language's
 * Intl.PluralRules) are asked for by their base key.
 */
type KeysOf<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${PluralBase<K>}`
    : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type TranslationKey = KeysOf<Messages>;

/** Reads a language's main file (no namespace) or one of its namespaces. */
export type MessageLoader = (locale: Locale, namespace?: Namespace) => Promise<MessageFile>;

/**
 * How a language's messages arrive: fetched as a JSON file in the app; tests, which have no
 * server, hand in a loader that reads the same files (client/test/setup.ts).
 */
let loadMessages: MessageLoader = fetchMessages;

export function setMessageLoader(loader: MessageLoader): void {
  loadMessages = loader;
}

/** Namespaces some page has asked for; a change of language loads them in the new one too. */
const wanted = new Set<Namespace>();

/**
 * Each loaded language's words: its main file, and each namespace merged in under its name
 * ("guides.x"). Every locale has every key (shared/locales/locales.test.ts), so nothing falls
 * back to another language.
 */
const loaded = new Map<Locale, Words>();
const [language, setLanguage] = createSignal<Locale>(defaultLocale);
/**
 * Bumped when a namespace's words arrive: text already on screen re-reads its words. Apart from
 * the language on purpose: what depends on the language itself (resources, formats) must not
 * start again because some other page's words arrived — it would suspend the page on screen
 * and take the focus from its heading.
 */
const [wordsArrived, setWordsArrived] = createSignal(0);

/** The language on screen; reading it inside JSX re-renders when the language changes. */
export const currentLocale = language;

/**
 * Loads and switches to `locale` (English if that cannot be loaded).
 *
 * @example await startI18n(initialLocale());
 */
export async function startI18n(locale: Locale): Promise<void> {
  if (!(await changeLocale(locale)) && locale !== defaultLocale) await changeLocale(defaultLocale);
}

/**
 * Loads the locale's messages if needed, then switches the page (and `<html lang dir>`).
 * Answers false, leaving the page as it was, when the messages cannot be had (offline before
 * they were ever cached).
 */
export async function changeLocale(locale: Locale): Promise<boolean> {
  if (!loaded.has(locale)) {
    try {
      // A copy: namespaces are merged into it, never into a loader's own object.
      loaded.set(locale, { ...((await loadMessages(locale)) as unknown as Words) });
    } catch {
      return false;
    }
  }
  await Promise.all([...wanted].map((namespace) => addNamespace(locale, namespace)));
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  setLanguage(locale);
  return true;
}

/** Which namespaces each language has merged in already. */
const merged = new Map<Locale, Set<Namespace>>();

/** Merges one namespace's words under its name ("guides.x"); false when they cannot be had. */
async function addNamespace(locale: Locale, namespace: Namespace): Promise<boolean> {
  const done = merged.get(locale) ?? new Set<Namespace>();
  merged.set(locale, done);
  if (done.has(namespace)) return true;
  const main = loaded.get(locale);
  if (!main) return false;
  try {
    main[namespace] = (await loadMessages(locale, namespace)) as unknown as Words;
    done.add(namespace);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the words of `namespaces` in the current language (and, from then on, in any language
 * switched to). Pages that need them load through `lazyWithWords` (client/i18n/lazy-with-words.ts).
 */
export async function loadNamespaces(namespaces: readonly Namespace[]): Promise<void> {
  const locale = language();
  const fresh = namespaces.filter((namespace) => !merged.get(locale)?.has(namespace));
  for (const namespace of namespaces) wanted.add(namespace);
  await Promise.all(namespaces.map((namespace) => addNamespace(locale, namespace)));
  if (fresh.length > 0) setWordsArrived((n) => n + 1);
}

/** Translates `key` in the current language; reactive inside JSX and effects. */
export function t(key: TranslationKey, values?: Record<string, string | number>): string {
  wordsArrived();
  const locale = language();
  // No words for it (yet): the key itself, which a test or a person reporting it can search for.
  return translate(loaded.get(locale) ?? {}, locale, key, values) ?? key;
}

/** Whether the current language has words for `key` (an error code from a newer server may not). */
export function hasWords(key: string): boolean {
  wordsArrived();
  return translate(loaded.get(language()) ?? {}, language(), key) !== undefined;
}
