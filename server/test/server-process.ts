import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** A real `server/main.ts` in its own process, as production runs it, reached over HTTP. */
export interface ServerProcess {
  /** `http://127.0.0.1:<port>`, where this process listens. */
  url: string;
  /** Everything it printed, for a failure's message. */
  output(): string;
  /** SIGTERM, and waits for it to have exited (closing its connections). */
  stop(): Promise<void>;
}

/**
 * Starts `server/main.ts` on a port the system picks (PORT=0: no two tests race for one) and
 * answers once it listens and /api/health says it can reach its database.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: "0", CLIENT_DIR: "/nonexistent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let printed = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      printed += chunk.toString();
      const found = /listening on port (\d+)/.exec(printed);
      if (found) resolve(Number(found[1]));
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}) at start:\n${printed}`)),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  try {
    await until(async () => (await fetch(`${url}/api/health`)).status === 200);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, output: () => printed, stop };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 500; tries++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("gave up waiting for /api/health");
}

/**
 * One browser's cookies and `Origin`, sent to whichever server process a request goes to, as a
 * reverse proxy without sticky sessions would spread them.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly origin: string) {}

  /** Another browser holding the same cookies now: to replay a session after sign-out. */
  copy(): CookieJar {
    const twin = new CookieJar(this.origin);
    for (const [name, value] of this.cookies) twin.cookies.set(name, value);
    return twin;
  }

  async fetch(base: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { origin: this.origin };
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${base}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
}
