import { isLocale, type Locale, matchLocale } from "../../shared/locales/index.ts";

/** Only the language choice is kept here: localStorage never holds health data. */
const storageKey = "hearth.locale";

/** The language remembered on this device, else the best match for the browser's languages. */
export function initialLocale(): Locale {
  const remembered = readStorage(storageKey);
  if (isLocale(remembered)) return remembered;
  return matchLocale(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** Dispatched on `window` when the person picks a language; `detail` is the locale. */
export const languageChosenEvent = "hearth:language-chosen";

/** Whether the person picked a language on this page since it loaded (not the account's). */
let chosenOnThisPage = false;

export function wasChosenOnThisPage(): boolean {
  return chosenOnThisPage;
}

/** Keeps the language the person chose for this device. */
export function rememberLocale(locale: Locale): void {
  chosenOnThisPage = true;
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Storage can be switched off; the choice then lasts until the page is closed.
  }
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
