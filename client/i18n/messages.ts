import type access from "../../shared/locales/access/en.json";
import type appointments from "../../shared/locales/appointments/en.json";
import type approval from "../../shared/locales/approval/en.json";
import arUrl from "../../shared/locales/ar.json?url";
import type en from "../../shared/locales/en.json";
import enUrl from "../../shared/locales/en.json?url";
import esUrl from "../../shared/locales/es.json?url";
import type guides from "../../shared/locales/guides/en.json";
import type inbox from "../../shared/locales/inbox/en.json";
import type { Locale, Namespace } from "../../shared/locales/index.ts";
import type lock from "../../shared/locales/lock/en.json";
import type record from "../../shared/locales/record/en.json";
import type security from "../../shared/locales/security/en.json";
import type support from "../../shared/locales/support/en.json";
import type tests from "../../shared/locales/tests/en.json";
import viUrl from "../../shared/locales/vi.json?url";
import zhUrl from "../../shared/locales/zh.json?url";

/** The words of each namespace (shared/locales/<namespace>/), typed from its English file. */
export interface NamespaceMessages {
  guides: typeof guides;
  appointments: typeof appointments;
  inbox: typeof inbox;
  access: typeof access;
  record: typeof record;
  security: typeof security;
  support: typeof support;
  approval: typeof approval;
  /** The table of common tests (ADR 27): a plain name and search words per LOINC code. */
  tests: typeof tests;
  /** The device copy's PIN: /unlock and Account's "Unlock without the internet". */
  lock: typeof lock;
}

/** Every key the app can ask for: the main file's and each namespace's, under its name. */
export type Messages = typeof en & NamespaceMessages;

/** What one file holds: the main file's words, or one namespace's. */
export type MessageFile = typeof en | NamespaceMessages[Namespace];

/**
 * Each language is a hashed JSON file of its own (docs/decisions/0005-locale-files.md): text
 * costs no JavaScript parse time on a slow phone, stays out of the sign-in page's script
 * budget as features add words, and is precached by the service worker so every language
 * works offline.
 */
const urls: Record<Locale, string> = { en: enUrl, es: esUrl, ar: arUrl, vi: viUrl, zh: zhUrl };

/** The URL of a language's main file, or of one of its namespaces. */
async function urlOf(locale: Locale, namespace?: Namespace): Promise<string> {
  if (!namespace) return urls[locale];
  // The namespaces' URLs (hashed, so they do not compress) load with the first page that needs
  // one, not with every page's first download.
  const { namespaceUrl } = await import("./namespace-urls.ts");
  return namespaceUrl(locale, namespace);
}

export async function fetchMessages(locale: Locale, namespace?: Namespace): Promise<MessageFile> {
  const response = await fetch(await urlOf(locale, namespace));
  if (!response.ok) throw new Error(`${locale} messages: HTTP ${response.status}`);
  return (await response.json()) as MessageFile;
}
