import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Database } from "../server/db/open.ts";
import { makeTestApp } from "../server/test/app.ts";

/**
 * Hearth's server for a benchmark, on a free loopback port over `db`. It listens first (port 0)
 * and builds the app after, with the origin it is reached at, which the CSRF check compares.
 */
export async function startBenchServer(
  db: Database,
  env: Record<string, string> = {},
): Promise<{ origin: string; server: Server }> {
  let app: ReturnType<typeof makeTestApp>["app"] | undefined;
  const server = await new Promise<Server>((resolve) => {
    const s = serve(
      {
        fetch: (req, bindings) => (app as NonNullable<typeof app>).fetch(req, bindings),
        port: 0,
        hostname: "127.0.0.1",
      },
      () => resolve(s as Server),
    ) as Server;
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = makeTestApp(db, { env: { ...env, PUBLIC_ORIGIN: origin } }).app;
  return { origin, server };
}
