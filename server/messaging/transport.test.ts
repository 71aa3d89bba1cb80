import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { locales } from "../../shared/locales/index.ts";
import { loadConfig } from "../config.ts";
import type { OpenDatabase } from "../db/open.ts";
import { openTestDatabase, testDatabaseKinds } from "../test/database.ts";
import { outboxFor } from "./outbox.ts";
import { smsWebhookTransport } from "./sms-webhook.ts";
import { smtpTransport } from "./smtp.ts";
import { messageNames, renderMessage } from "./templates.ts";
import { makeTransport } from "./transport.ts";

describe("the SMTP transport", () => {
  let server: SMTPServer;
  let port = 0;
  const received: { from: string; to: string[]; data: string }[] = [];

  beforeAll(async () => {
    // A real SMTP server on loopback: the transport speaks the protocol, nothing is faked.
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, done) {
        let data = "";
        stream.on("data", (chunk: Buffer) => {
          data += chunk.toString("utf8");
        });
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            data,
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("hands the message to the server named by SMTP_URL, from MAIL_FROM", async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`, "Hearth <no-reply@example.org>");
    await transport.send({
      channel: "email",
      to: "ana@example.org",
      subject: "Su código",
      text: "Su código es 123456.",
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.from).toBe("no-reply@example.org");
    expect(received[0]?.to).toEqual(["ana@example.org"]);
    expect(received[0]?.data).toMatch(/Subject: =\?UTF-8\?/);
    expect(received[0]?.data).toContain("123456");
  });

  it("rejects when the server cannot be reached", async () => {
    const transport = smtpTransport("smtp://127.0.0.1:1", "no-reply@example.org");
    await expect(
      transport.send({ channel: "email", to: "a@example.org", subject: "s", text: "t" }),
    ).rejects.toThrow();
  });
});

describe("the SMS webhook transport", () => {
  const calls: { auth: string | undefined; body: unknown }[] = [];
  let status = 200;
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = "";
    for await (const chunk of req) text += chunk;
    calls.push({ auth: req.headers.authorization, body: JSON.parse(text) });
    res.writeHead(status).end();
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("POSTs the number and the text as JSON, with the bearer token", async () => {
    await smsWebhookTransport(url, "s3cret").send({
      channel: "sms",
      to: "+15550100123",
      subject: "ignored",
      text: "Hearth code: 123456",
    });
    expect(calls.at(-1)).toEqual({
      auth: "Bearer s3cret",
      body: { to: "+15550100123", text: "Hearth code: 123456" },
    });
  });

  it("rejects when the webhook does not answer 2xx", async () => {
    status = 502;
    const transport = smsWebhookTransport(url, undefined);
    await expect(
      transport.send({ channel: "sms", to: "+1555", subject: "", text: "t" }),
    ).rejects.toThrow(/502/);
    status = 200;
  });
});

describe.each(testDatabaseKinds())("the development outbox on %s", (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it("keeps every message, and logs it, when nothing is configured", async () => {
    const lines: string[] = [];
    const transport = makeTransport(loadConfig({}), database.db, (line) => lines.push(line));
    await transport.send({ channel: "email", to: "kai@example.org", subject: "Hi", text: "A\nB" });
    await transport.send({ channel: "sms", to: "+15550100", subject: "Hi", text: "Code 1" });
    const [email] = await outboxFor(database.db, "kai@example.org");
    expect(email).toMatchObject({ channel: "email", subject: "Hi", body: "A\nB" });
    const [sms] = await outboxFor(database.db, "+15550100");
    expect(sms).toMatchObject({ channel: "sms", subject: null, body: "Code 1" });
    expect(lines[0]).toBe("[outbox] email to kai@example.org: Hi\n  | A\n  | B");
  });
});

describe("message templates", () => {
  it.each(locales)("renders every message in %s, with every value filled in", (locale) => {
    const values = {
      code: "123456",
      minutes: "10",
      username: "kai",
      browser: "B",
      system: "S",
      time: "T",
      url: "https://portal.example.org/activate",
      date: "1 May 2026",
    };
    // Messages that carry a code; the others are notices (activation and password reset added the
    // last two, ADR 18).
    const withCode = new Set(["signInCode", "confirmCode", "passwordResetCode", "activationCode"]);
    for (const name of messageNames) {
      const email = renderMessage(locale, name, "email", values);
      expect(email.subject.length).toBeGreaterThan(0);
      expect(email.text).not.toMatch(/\{\{|\}\}/);
      if (withCode.has(name)) {
        expect(email.text).toContain("123456");
        const sms = renderMessage(locale, name, "sms", values);
        expect(sms.text).toContain("123456");
        // One SMS segment's worth, give or take: long texts cost more and arrive in pieces.
        expect(sms.text.length).toBeLessThanOrEqual(160);
      }
    }
  });
});

describe("transport settings", () => {
  it("refuses production without SMTP and an SMS webhook, and never exposes the outbox there", () => {
    const production = { NODE_ENV: "production", PUBLIC_ORIGIN: "https://portal.example.org" };
    expect(() => loadConfig(production)).toThrow(/SMTP_URL and SMS_WEBHOOK_URL/);
    const configured = {
      ...production,
      SMTP_URL: "smtps://u:p@smtp.example.org",
      SMS_WEBHOOK_URL: "https://sms.example.org/send",
    };
    expect(loadConfig(configured).smtpUrl).toBe("smtps://u:p@smtp.example.org");
    expect(() => loadConfig({ ...configured, EXPOSE_OUTBOX: "true" })).toThrow(/EXPOSE_OUTBOX/);
    expect(() => loadConfig({ SMTP_URL: "http://x" })).toThrow(/SMTP_URL/);
  });

  it("writes in the default language to an account that never chose one", () => {
    const values = { code: "123456", minutes: "10" };
    expect(renderMessage(null, "signInCode", "sms", values)).toEqual(
      renderMessage("en", "signInCode", "sms", values),
    );
  });
});
