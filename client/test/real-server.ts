// The one place client tests reach into server/: to start the real Hearth server, so the sync
// engine is tested against the real protocol, database and access rule, not a stand-in.

import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import Dexie from "dexie";
import { vi } from "vitest";
import type { OpenDatabase } from "../../server/db/open.ts";
import { seedDemo } from "../../server/db/seed.ts";
import { makeTestApp } from "../../server/test/app.ts";
import { openTestDatabase } from "../../server/test/database.ts";
import { addPatientWithRecord, testBundle } from "../../server/test/records.ts";
import { databaseNameFor } from "../local/device-user.ts";
import { createSyncEngine } from "../local/sync-engine.ts";
import { closeUserDatabase, userDatabase } from "../local/user-database.ts";
import { openTestCopy } from "./device-copy.ts";

type Fault = "drop-pull" | "crash-after-push" | "drop-push-answer";

/**
 * Hearth's server on a free loopback port, on an in-memory PGlite with the demo accounts and
 * `ana`'s record. Faults can be armed: the network dropping a pull request, the server
 * dying after it has applied a push but before its answer leaves, or the answer to an applied
 * push lost on the way back while the server stays up.
 */
export async function startRealServer() {
  const database: OpenDatabase = await openTestDatabase("pglite");
  await seedDemo(database.db, false);
  const anaPatient = await addPatientWithRecord(database.db, "ana", testBundle("urn-uuid"));
  let app: ReturnType<typeof makeTestApp>["app"] | undefined;
  const faults: Array<{ fault: Fault; after: number; seen: number }> = [];
  const counts = { pull: 0, push: 0 };
  let server: Server;
  let port = 0;

  const handler = async (request: Request, env: { incoming: IncomingMessage }) => {
    const kind = request.url.endsWith("/api/sync/pull")
      ? "pull"
      : request.url.endsWith("/api/sync/push")
        ? "push"
        : undefined;
    if (kind) counts[kind]++;
    const armed = faults.find((f) => (f.fault === "drop-pull" ? "pull" : "push") === kind);
    if (armed && armed.seen++ === armed.after) {
      faults.splice(faults.indexOf(armed), 1);
      if (armed.fault === "drop-pull") {
        env.incoming.socket.destroy();
        return new Response(null, { status: 500 });
      }
      // Apply the push for real, then lose the answer (and, for a crash, the server too).
      await app?.fetch(request, env);
      env.incoming.socket.destroy();
      if (armed.fault === "crash-after-push") await close();
      return new Response(null, { status: 500 });
    }
    return (app as NonNullable<typeof app>).fetch(request, env);
  };

  async function listen(): Promise<void> {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: handler as never, port, hostname: "127.0.0.1" }, () =>
        resolve(),
      ) as Server;
    });
    port = (server.address() as AddressInfo).port;
    const origin = `http://127.0.0.1:${port}`;
    app = makeTestApp(database.db, { env: { PUBLIC_ORIGIN: origin } }).app;
  }

  async function close(): Promise<void> {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  await listen();
  return {
    db: database.db,
    anaPatient,
    counts,
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    /** Arms a fault for the request after `after` more of its kind. */
    arm(fault: Fault, after = 0) {
      faults.push({ fault, after, seen: 0 });
    },
    /** Forgets faults a test armed but did not reach. */
    disarm() {
      faults.length = 0;
    },
    /** Starts again on the same port and database, as a restarted server process would. */
    restart: listen,
    async stop() {
      await close().catch(() => {});
      await database.close();
    },
  };
}

export type RealServer = Awaited<ReturnType<typeof startRealServer>>;

/**
 * What the browser does around fetch for a page of the server's origin: keep the session
 * cookie, and send Origin. Requests still go over the real loopback network.
 */
export function browserCookies(server: RealServer) {
  const realFetch = globalThis.fetch;
  let cookie = "";
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set("cookie", cookie);
    headers.set("origin", server.url);
    const response = await realFetch(input, { ...init, headers });
    for (const set of response.headers.getSetCookie()) {
      const pair = set.split(";")[0] ?? "";
      if (pair.startsWith("hearth_session=")) cookie = pair.endsWith("=") ? "" : pair;
    }
    return response;
  });
  return {
    async signIn(username: string) {
      const res = await fetch(`${server.url}/api/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: "hearth-demo" }),
      });
      if (res.status !== 200) throw new Error(`sign-in: ${res.status}`);
      return ((await res.json()) as { me: { id: string } }).me;
    },
  };
}

/**
 * Signs in as `username` and syncs their record onto a fresh device, as the app does after
 * sign-in: the record pages' queries then read what sync delivered. `forget()` closes and
 * deletes that device's database.
 */
export async function syncedDevice(server: RealServer, username: string) {
  const me = await browserCookies(server).signIn(username);
  openTestCopy(me.id);
  const db = userDatabase(me.id);
  const run = await createSyncEngine({
    userId: me.id,
    db,
    request: { baseUrl: server.url },
  }).sync();
  if (!run.ok) throw new Error(`sync as ${username} failed: ${JSON.stringify(run)}`);
  const patient = await db.patients.filter((p) => p.self).first();
  return {
    me,
    db,
    patientId: patient?.id as string,
    async forget() {
      vi.unstubAllGlobals();
      closeUserDatabase();
      await Dexie.delete(databaseNameFor(me.id));
    },
  };
}
