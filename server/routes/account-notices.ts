import { defaultLocale, type Locale } from "../../shared/locales/index.ts";
import type { User } from "../auth/session.ts";
import type { Deps } from "../context.ts";
import { logFailure } from "../http/error-log.ts";
import type { Channel } from "../messaging/transport.ts";
import { word } from "../messaging/words.ts";

/**
 * The notices a security change sends (ASVS 6.3.7: "users are notified after updates to
 * authentication details"). Their words are in the `security` namespace
 * (shared/locales/security/*.json, `notices.<name>`), next to the page that causes them; the
 * footer is the one every Hearth message ends with (shared/locales/<lang>.json).
 */
export type SecurityNotice =
  | "passwordChanged"
  | "emailChanged"
  | "emailInUse"
  | "phoneChanged"
  | "passkeyAdded"
  | "passkeyRemoved";

/** One notice in `locale`, values filled in; exported for tests of every language. */
export function renderNotice(
  locale: Locale,
  name: SecurityNotice,
  channel: Channel,
  values: Record<string, string>,
): { subject: string; text: string } {
  const notice = (part: string) => word(locale, `notices.${name}.${part}`, values, "security");
  const subject = notice("subject");
  if (channel === "sms") return { subject, text: notice("sms") };
  return { subject, text: `${notice("body")}\n\n${word(locale, "messages.footer")}` };
}

/**
 * Tells the person about a change, by email (or SMS when that is all they have), at `to` when
 * given (the old address after a change of address). A notice that cannot be sent is logged,
 * never allowed to undo the change it reports.
 *
 * @example await sendSecurityNotice(deps, user, "passwordChanged", { time });
 */
export async function sendSecurityNotice(
  deps: Pick<Deps, "transport">,
  user: Pick<User, "email" | "phone" | "locale" | "username">,
  name: SecurityNotice,
  values: Record<string, string>,
  to: { channel: Channel; address: string } | undefined = user.email
    ? { channel: "email", address: user.email }
    : user.phone
      ? { channel: "sms", address: user.phone }
      : undefined,
): Promise<void> {
  if (!to) return;
  const { subject, text } = renderNotice(user.locale ?? defaultLocale, name, to.channel, {
    username: user.username,
    ...values,
  });
  try {
    await deps.transport.send({ channel: to.channel, to: to.address, subject, text });
  } catch (error) {
    logFailure(`messaging ${to.channel} ${name} not sent`, error);
  }
}

/** "25 November 2026 at 14:03:00 UTC", in the person's language. */
export function noticeTime(locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(at);
}
