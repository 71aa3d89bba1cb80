import { answerKey } from "../../../shared/guides/types.ts";
import { type TranslationKey, t } from "../../i18n/i18n.ts";

/**
 * Guide words are looked up by keys built from the guide's data; shared/guides/guides.test.ts
 * proves every such key exists in en.json (and locales.test.ts, in every language), which the
 * type checker cannot see through a template string.
 */
export function guideText(key: string, values?: Record<string, string | number>): string {
  return t(key as TranslationKey, values);
}

export function nodeText(guide: string, node: string, part: string): string {
  return guideText(`guides.${guide}.${node}.${part}`);
}

export function answerText(guide: string, node: string, answer: string): string {
  return guideText(answerKey(guide, node, answer));
}
