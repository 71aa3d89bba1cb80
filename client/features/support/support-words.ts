import { type TranslationKey, t } from "../../i18n/i18n.ts";

/**
 * Words looked up by keys built from data (an action's name, a guide's node, a check's
 * result). shared/locales/locales.test.ts proves the namespaces complete in every language;
 * the type checker cannot see through a template string, hence the cast in one place.
 */
export function wordsFor(key: string, values?: Record<string, string | number>): string {
  return t(key as TranslationKey, values);
}
