import type { AccountAction } from "../../shared/contracts/support.ts";
import { isLocale, type Locale } from "../../shared/locales/index.ts";
import type { User } from "../auth/session.ts";
import type { Deps } from "../context.ts";
import { logFailure } from "../http/error-log.ts";
import type { Channel } from "../messaging/transport.ts";
import { word } from "../messaging/words.ts";

/** What support can do that the person is told of; a second step comes off by identity check. */
export type NoticeAction =
  | Exclude<AccountAction, "send-reset" | "activation-code">
  | "remove-second-step";

/**
 * The notice for one action in the person's language. Its words are the `support` namespace's
 * `notice.*` keys (so translators see them beside the console's words and the locale test
 * checks every language); the footer is the one every Hearth message ends with.
 */
export function renderNotice(
  locale: Locale,
  action: NoticeAction,
  values: { name: string; time: string },
): { subject: string; text: string; sms: string } {
  const fill = (key: string) => word(locale, key, values, "support");
  const body = `${fill(`notice.${action}`)}\n\n${fill("notice.notYou")}`;
  const footer = word(locale, "messages.footer");
  return {
    subject: fill("notice.subject"),
    text: `${fill("notice.greeting")}\n\n${body}\n\n${footer}`,
    sms: `${fill(`notice.${action}`)} ${fill("notice.notYou")}`,
  };
}

/**
 * Tells the person what support did to their account: by email when they have an address on
 * file, else by SMS, else not at all (said in the answer, so staff can tell them on the
 * phone). Never a code: codes travel in their own messages, to contacts on file only. A transport failure is logged, and does not undo the
 * action (like the new-device notice, server/auth/full-session.ts).
 */
export async function notifyPerson(
  deps: Pick<Deps, "transport">,
  user: Pick<User, "email" | "phone" | "locale" | "displayName">,
  action: NoticeAction,
  at: Date,
): Promise<Channel | null> {
  const channel: Channel | null = user.email ? "email" : user.phone ? "sms" : null;
  const to = channel === "email" ? user.email : user.phone;
  if (!channel || !to) return null;
  const locale = isLocale(user.locale) ? user.locale : "en";
  const time = new Intl.DateTimeFormat(locale, {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(at);
  const notice = renderNotice(locale, action, { name: user.displayName, time });
  try {
    await deps.transport.send({
      channel,
      to,
      subject: notice.subject,
      text: channel === "sms" ? notice.sms : notice.text,
    });
    return channel;
  } catch (error) {
    logFailure(`support notice ${action} not sent by ${channel}`, error);
    return null;
  }
}
