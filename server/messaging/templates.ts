import { readFileSync } from "node:fs";
import { defaultLocale, type Locale } from "../../shared/locales/index.ts";
import type { Channel } from "./transport.ts";

/**
 * The messages Hearth sends. Their words are in shared/locales/*.json under
 * `messages.<name>.subject`, `.body` (email) and `.sms`, so every language has every message
 * (shared/locales/locales.test.ts) and translators work in one place.
 */
export const messageNames = [
  "signInCode",
  "confirmCode",
  "newDevice",
  "passwordResetCode",
  "usernameReminder",
  "activationCode",
  "passwordChanged",
] as const;
export type MessageName = (typeof messageNames)[number];

type Tree = { [key: string]: string | Tree };
const loaded = new Map<Locale, Tree>();

function words(locale: Locale): Tree {
  let tree = loaded.get(locale);
  if (!tree) {
    const url = new URL(`../../shared/locales/${locale}.json`, import.meta.url);
    tree = JSON.parse(readFileSync(url, "utf8")) as Tree;
    loaded.set(locale, tree);
  }
  return tree;
}

function lookup(locale: Locale, key: string): string {
  let node: string | Tree | undefined = words(locale);
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`no text ${key} in ${locale}.json`);
  return node;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? "");
}

/**
 * One message in the person's language, ready for a transport. Plain text only: nothing a
 * person typed is ever put in a message except their own username.
 *
 * @example renderMessage("es", "signInCode", "sms", { code: "123456", minutes: "10" })
 */
export function renderMessage(
  chosen: Locale | null,
  name: MessageName,
  channel: Channel,
  values: Record<string, string>,
): { subject: string; text: string } {
  // An account that never chose a language is written to in the default one.
  const locale = chosen ?? defaultLocale;
  const subject = fill(lookup(locale, `messages.${name}.subject`), values);
  if (channel === "sms")
    return { subject, text: fill(lookup(locale, `messages.${name}.sms`), values) };
  const body = fill(lookup(locale, `messages.${name}.body`), values);
  return { subject, text: `${body}\n\n${lookup(locale, "messages.footer")}` };
}
