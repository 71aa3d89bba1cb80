import { defaultLocale, type Locale } from "../../shared/locales/index.ts";
import type { Channel } from "./transport.ts";
import { word } from "./words.ts";

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
  const subject = word(locale, `messages.${name}.subject`, values);
  if (channel === "sms") return { subject, text: word(locale, `messages.${name}.sms`, values) };
  const body = word(locale, `messages.${name}.body`, values);
  return { subject, text: `${body}\n\n${word(locale, "messages.footer")}` };
}
