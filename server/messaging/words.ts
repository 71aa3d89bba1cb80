import { readFileSync } from "node:fs";
import type { Locale, Namespace } from "../../shared/locales/index.ts";
import { translate, type Words, type WordValues } from "../../shared/locales/lookup.ts";

const loaded = new Map<string, Words>();

/**
 * One language's words as the server needs them for what it sends (email, SMS): the main file,
 * or one namespace's file (shared/locales/<namespace>/<lang>.json). Read once per process.
 */
function wordsOf(locale: Locale, namespace?: Namespace): Words {
  const path = namespace ? `${namespace}/${locale}` : locale;
  let words = loaded.get(path);
  if (!words) {
    const url = new URL(`../../shared/locales/${path}.json`, import.meta.url);
    words = JSON.parse(readFileSync(url, "utf8")) as Words;
    loaded.set(path, words);
  }
  return words;
}

/**
 * The text at `key` ("notices.passwordChanged.subject"), read through the app's one lookup
 * (shared/locales/lookup.ts: plural forms by `count`, `{{name}}` filled in), so a message says
 * exactly what the page would. Throws for a key that has no text: every language has every key
 * (shared/locales/locales.test.ts), so that is a bug to hear about.
 *
 * @example word("es", "messages.footer")
 * @example word("vi", "notices.emailChanged.sms", { time }, "security")
 */
export function word(
  locale: Locale,
  key: string,
  values: WordValues = {},
  namespace?: Namespace,
): string {
  const text = translate(wordsOf(locale, namespace), locale, key, values);
  if (text === undefined) {
    throw new Error(`no text ${namespace ? `${namespace}.` : ""}${key} in ${locale}`);
  }
  return text;
}
