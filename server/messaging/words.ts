import { readFileSync } from "node:fs";
import type { Locale, Namespace } from "../../shared/locales/index.ts";

type Tree = { [key: string]: string | Tree };
const loaded = new Map<string, Tree>();

/**
 * One language's words as the server needs them for what it sends (email, SMS): the main file,
 * or one namespace's file (shared/locales/<namespace>/<lang>.json). Read once per process.
 */
function wordsOf(locale: Locale, namespace?: Namespace): Tree {
  const path = namespace ? `${namespace}/${locale}` : locale;
  let tree = loaded.get(path);
  if (!tree) {
    const url = new URL(`../../shared/locales/${path}.json`, import.meta.url);
    tree = JSON.parse(readFileSync(url, "utf8")) as Tree;
    loaded.set(path, tree);
  }
  return tree;
}

/**
 * The text at `key` ("notices.passwordChanged.subject") with its {{placeholders}} filled in;
 * a missing placeholder value becomes "". Throws for a key that has no text: every language
 * has every key (shared/locales/locales.test.ts), so that is a bug to hear about.
 *
 * @example word("es", "messages.footer")
 * @example word("vi", "notices.emailChanged.sms", { time }, "security")
 */
export function word(
  locale: Locale,
  key: string,
  values: Record<string, string> = {},
  namespace?: Namespace,
): string {
  let node: string | Tree | undefined = wordsOf(locale, namespace);
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") {
    throw new Error(`no text ${namespace ? `${namespace}.` : ""}${key} in ${locale}`);
  }
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? "");
}
