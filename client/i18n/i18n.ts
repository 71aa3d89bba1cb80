import i18next from "i18next";
import { createSignal } from "solid-js";
import { defaultLocale, directionOf, type Locale } from "../../shared/locales/index.ts";
import { fetchMessages, type Messages } from "./messages.ts";

/** Every dotted key of en.json ("signIn.username.label"), so a typo is a type error. */
type KeysOf<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type TranslationKey = KeysOf<Messages>;

/**
 * How a language's messages arrive: fetched as a JSON file in the app; tests, which have no
 * server, hand in a loader that reads the same files (client/test/setup.ts).
 */
let loadMessages: (locale: Locale) => Promise<Messages> = fetchMessages;

export function setMessageLoader(loader: (locale: Locale) => Promise<Messages>): void {
  loadMessages = loader;
}

const i18n = i18next.createInstance();
const [language, setLanguage] = createSignal<Locale>(defaultLocale);

/** The language on screen; reading it inside JSX re-renders when the language changes. */
export const currentLocale = language;

/**
 * Starts i18next, then loads and switches to `locale` (English if that cannot be loaded). No
 * i18next plugins: each one would weigh on the sign-in page's budget.
 *
 * @example await startI18n(initialLocale());
 */
export async function startI18n(locale: Locale): Promise<void> {
  if (!i18n.isInitialized) {
    await i18n.init({
      // Every locale has every key (shared/locales/locales.test.ts), so nothing falls back.
      fallbackLng: false,
      resources: {},
      initAsync: false,
      // Keys such as "errors.AUTH-101.message" never contain ":"; no namespaces are used.
      nsSeparator: false,
      // Solid inserts text as text nodes, so escaping here would only garble "/" and "&".
      interpolation: { escapeValue: false },
    });
  }
  if (!(await changeLocale(locale)) && locale !== defaultLocale) await changeLocale(defaultLocale);
}

/**
 * Loads the locale's messages if needed, then switches the page (and `<html lang dir>`).
 * Answers false, leaving the page as it was, when the messages cannot be had (offline before
 * they were ever cached).
 */
export async function changeLocale(locale: Locale): Promise<boolean> {
  if (!i18n.hasResourceBundle(locale, "translation")) {
    try {
      i18n.addResourceBundle(locale, "translation", await loadMessages(locale));
    } catch {
      return false;
    }
  }
  await i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  setLanguage(locale);
  return true;
}

/** Translates `key` in the current language; reactive inside JSX and effects. */
export function t(key: TranslationKey, values?: Record<string, string | number>): string {
  language();
  return i18n.t(key, values ?? {}) as string;
}
