import type { Transport } from "./transport.ts";

/**
 * SMS through an HTTP webhook: `POST url` with `{ "to": "+15551234567", "text": "…" }` as
 * JSON, and `Authorization: Bearer <token>` when a token is configured. Any 2xx is success;
 * anything else (or no answer in 10 s) rejects, so the caller can say the code was not sent.
 */
export function smsWebhookTransport(url: string, token: string | undefined): Transport {
  return {
    async send(message) {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`SMS webhook answered ${response.status}`);
    },
  };
}
