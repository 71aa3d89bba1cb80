import arUrl from "../../shared/locales/ar.json?url";
import type en from "../../shared/locales/en.json";
import enUrl from "../../shared/locales/en.json?url";
import esUrl from "../../shared/locales/es.json?url";
import type { Locale } from "../../shared/locales/index.ts";
import viUrl from "../../shared/locales/vi.json?url";
import zhUrl from "../../shared/locales/zh.json?url";

export type Messages = typeof en;

/**
 * Each language is a hashed JSON file of its own (docs/decisions/0005-locale-files.md): text
 * costs no JavaScript parse time on a slow phone, stays out of the sign-in page's script
 * budget as features add words, and is precached by the service worker so every language
 * works offline.
 */
const urls: Record<Locale, string> = { en: enUrl, es: esUrl, ar: arUrl, vi: viUrl, zh: zhUrl };

export async function fetchMessages(locale: Locale): Promise<Messages> {
  const response = await fetch(urls[locale]);
  if (!response.ok) throw new Error(`${locale} messages: HTTP ${response.status}`);
  return (await response.json()) as Messages;
}
