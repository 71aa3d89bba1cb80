import { createTransport } from "nodemailer";
import type { Transport } from "./transport.ts";

/**
 * Email through an SMTP server named by one URL, e.g.
 * `smtps://user:password@smtp.example.org:465` or `smtp://relay.internal:25`. Plain `smtp://`
 * still upgrades with STARTTLS when the server offers it (nodemailer's default).
 */
export function smtpTransport(url: string, from: string): Transport {
  const mailer = createTransport(url);
  return {
    async send(message) {
      await mailer.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
