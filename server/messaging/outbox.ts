import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/open.ts";
import { outboxMessages } from "../db/schema.ts";
import type { Transport } from "./transport.ts";

/**
 * The development transport: every message goes to the `outbox_messages` table instead of
 * the world, and, for `npm start`, to the log, so a developer can read the code they were sent.
 */
export function outboxTransport(db: Database, log: (line: string) => void): Transport {
  return {
    async send(message) {
      await db.insert(outboxMessages).values({
        channel: message.channel,
        recipient: message.to,
        subject: message.channel === "email" ? message.subject : null,
        body: message.text,
      });
      const heading =
        message.channel === "email"
          ? `email to ${message.to}: ${message.subject}`
          : `SMS to ${message.to}`;
      log(`[outbox] ${heading}\n${message.text.replace(/^/gm, "  | ")}`);
    },
  };
}

/** The messages sent to one address or number, newest first (tests, and `GET /api/dev/outbox`). */
export function outboxFor(db: Database, recipient: string, limit = 20) {
  return db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.recipient, recipient))
    .orderBy(desc(outboxMessages.sentAt), desc(outboxMessages.id))
    .limit(limit);
}
