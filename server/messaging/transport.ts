import type { Config } from "../config.ts";
import type { Database } from "../db/open.ts";
import { outboxTransport } from "./outbox.ts";
import { smsWebhookTransport } from "./sms-webhook.ts";
import { smtpTransport } from "./smtp.ts";

export type Channel = "email" | "sms";

/** One message, already in the person's language. SMS have no subject: only `text` is sent. */
export interface OutgoingMessage {
  channel: Channel;
  to: string;
  subject: string;
  text: string;
}

/**
 * How email and SMS leave Hearth. Routes never know which transport is behind it: SMTP,
 * an SMS webhook, or the development outbox that tests read.
 *
 * @example await deps.transport.send({ channel: "email", to, subject, text });
 */
export interface Transport {
  /** Resolves once the message is handed over; rejects when it could not be. */
  send(message: OutgoingMessage): Promise<void>;
}

/**
 * The transport the configuration asks for: SMTP for email when `SMTP_URL` is set, the SMS
 * webhook when `SMS_WEBHOOK_URL` is set, and the development outbox for whatever is not
 * configured (never in production: server/config.ts refuses to start without both).
 */
export function makeTransport(
  config: Config,
  db: Database,
  log: (line: string) => void = () => {},
): Transport {
  const outbox = outboxTransport(db, log);
  const email = config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : outbox;
  const sms = config.smsWebhookUrl
    ? smsWebhookTransport(config.smsWebhookUrl, config.smsWebhookToken)
    : outbox;
  return {
    send: (message) => (message.channel === "email" ? email : sms).send(message),
  };
}
