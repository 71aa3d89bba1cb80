/**
 * The languages Hearth speaks. Every file in this folder has exactly the keys of en.json
 * (shared/locales/locales.test.ts checks it).
 */
export const locales = ["en", "es", "ar", "vi", "zh"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/**
 * Words that only some pages need live in a namespace of their own, one folder each
 * (`shared/locales/<namespace>/<locale>.json`), loaded with those pages rather than at boot
 * (docs/decisions/0005-locale-files.md). Their keys read as `<namespace>.<key>`, exactly as if
 * they were in the main file.
 */
export const namespaces = [
  "guides",
  "record",
  "access",
  "security",
  "inbox",
  "appointments",
  "support",
  "approval",
  "tests",
  "lock",
] as const;
export type Namespace = (typeof namespaces)[number];

/** Each language's own name for itself, for the language menu. */
export const localeNames: Record<Locale, string> = {
  en: "English",
  es: "Español",
  ar: "العربية",
  vi: "Tiếng Việt",
  zh: "中文",
};

const rightToLeft: ReadonlySet<Locale> = new Set(["ar"]);

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return rightToLeft.has(locale) ? "rtl" : "ltr";
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** Picks the best supported locale for a list like navigator.languages ("es-MX" → "es"). */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return defaultLocale;
}
