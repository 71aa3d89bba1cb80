import { vi } from "vitest";

/**
 * Replaces fetch, the network boundary, with scripted answers keyed by "METHOD /path".
 * Everything above it (the API client, the session, the pages) runs for real.
 */
export function stubNetwork(answers: Record<string, () => Response | Promise<Response>>) {
  const calls: { key: string; body: unknown; headers: Headers }[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://localhost");
    const key = `${init?.method ?? "GET"} ${url.pathname}`;
    calls.push({
      key,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      headers: new Headers(init?.headers),
    });
    const answer = answers[key];
    if (!answer) throw new TypeError(`no scripted answer for ${key}`);
    return answer();
  });
  vi.stubGlobal("fetch", fetchStub);
  return calls;
}

/** A JSON answer as the server sends it. */
export function jsonAnswer(status: number, body?: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/** What fetch does when there is no network: it rejects with a TypeError. */
export function offline(): never {
  throw new TypeError("Failed to fetch");
}
