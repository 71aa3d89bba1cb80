import type { Locale, Namespace } from "../../shared/locales/index.ts";

/** Namespace files by path ("../../shared/locales/guides/es.json" → hashed URL). */
const urls = import.meta.glob<string>("../../shared/locales/*/*.json", {
  query: "?url",
  import: "default",
  eager: true,
});

/** The hashed URL of one language's words in one namespace. */
export function namespaceUrl(locale: Locale, namespace: Namespace): string {
  const url = urls[`../../shared/locales/${namespace}/${locale}.json`];
  if (!url) throw new Error(`no ${namespace} words for ${locale}`);
  return url;
}
