// `npm run bench:sync`: how sync performs against a real server on loopback
// (docs/benchmarks.md, "Sync"). Speed is measured here, never asserted in tests.
//
// 1. First full sync of a large generated patient (12 years, 5,000+ Observations): time,
//    requests, bytes on the wire (request and response, headers included, gzip as served).
// 2. An incremental sync with nothing new: requests and bytes (target: one request < 1 KB).
// 3. Pull throughput with 50 concurrent clients: every client does a full sync at once, then
//    every client does a nothing-new pull at once.
//
// The client here speaks the protocol and keeps rows in a Map: it measures the server and the
// wire, not a browser's IndexedDB. PGlite in memory; PostgreSQL too when DATABASE_URL is set.
import type { Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { serve } from "@hono/node-server";
import type { PullResponse } from "../../shared/contracts/sync.ts";
import { largePatient } from "../fhir/generator/demo-patients.ts";
import { generatePatientRecord } from "../fhir/generator/patient-record.ts";
import { makeTestApp } from "../test/app.ts";
import { type DatabaseKind, openTestDatabase } from "../test/database.ts";
import { addPatientWithRecord } from "../test/records.ts";

const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const years = Number(process.env.BENCH_YEARS ?? 12);

interface Wire {
  bytes(): number;
}

/** Counts every byte read and written on the server's sockets, open or closed. */
function countWire(server: Server): Wire {
  const open = new Set<Socket>();
  let closed = 0;
  server.on("connection", (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => {
      closed += socket.bytesRead + socket.bytesWritten;
      open.delete(socket);
    });
  });
  return {
    bytes: () => closed + [...open].reduce((n, s) => n + s.bytesRead + s.bytesWritten, 0),
  };
}

/** One device: its cookie and its cursors. */
function makeDevice(origin: string, cookie: string) {
  let cursors: Record<string, string> = {};
  const rows = new Map<string, number>();
  let requests = 0;
  let payload = 0;
  return {
    rows,
    /** JSON bytes sent and received (uncompressed), without HTTP headers. */
    get payload() {
      return payload;
    },
    get requests() {
      return requests;
    },
    async pullUntilCaughtUp(): Promise<void> {
      for (;;) {
        requests++;
        const body = JSON.stringify({ protocol: 1, cursors });
        const res = await fetch(`${origin}/api/sync/pull`, {
          method: "POST",
          headers: {
            cookie,
            origin,
            "content-type": "application/json",
            "accept-encoding": "gzip",
          },
          body,
        });
        if (res.status !== 200) throw new Error(`pull: ${res.status}`);
        const text = await res.text();
        payload += body.length + text.length;
        const page = JSON.parse(text) as PullResponse;
        for (const row of page.rows) {
          if (row.deleted) rows.delete(row.id);
          else rows.set(row.id, row.version);
        }
        cursors = Object.fromEntries(page.patients.map((p) => [p.id, p.cursor]));
        if (!page.more) return;
      }
    },
  };
}

async function signIn(origin: string, username: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/sign-in`, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ username, password: "hearth-demo" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("hearth_session="))
    ?.split(";")[0];
  if (res.status !== 200 || !cookie) throw new Error(`sign-in: ${res.status}`);
  return cookie;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSecond = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en-US");

async function run(kind: DatabaseKind): Promise<void> {
  const database = await openTestDatabase(kind);
  let server: Server | undefined;
  try {
    const bundle = JSON.stringify(generatePatientRecord(largePatient(7001, years)));
    await addPatientWithRecord(database.db, "bench", bundle);
    let origin = "";
    const app = { current: undefined as ReturnType<typeof makeTestApp>["app"] | undefined };
    server = await new Promise<Server>((resolve) => {
      const s = serve(
        {
          fetch: (req, env) => (app.current as NonNullable<typeof app.current>).fetch(req, env),
          port: 0,
          hostname: "127.0.0.1",
        },
        () => resolve(s as Server),
      ) as Server;
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app.current = makeTestApp(database.db, { env: { PUBLIC_ORIGIN: origin } }).app;
    const wire = countWire(server);

    // 1. First full sync.
    const device = makeDevice(origin, await signIn(origin, "bench"));
    const observations = (bundle.match(/"resourceType":"Observation"/g) ?? []).length;
    let bytes = wire.bytes();
    let started = performance.now();
    await device.pullUntilCaughtUp();
    const fullMs = performance.now() - started;
    const fullBytes = wire.bytes() - bytes;
    const fullRequests = device.requests;
    console.log(
      `| ${kind} | first full sync: ${device.rows.size.toLocaleString("en-US")} resources (${observations.toLocaleString("en-US")} Observations, ${years} years) | ${seconds(fullMs)} | ${fullRequests} | ${kb(fullBytes)} |`,
    );

    // 2. Nothing new.
    bytes = wire.bytes();
    const payloadBefore = device.payload;
    started = performance.now();
    await device.pullUntilCaughtUp();
    const emptyMs = performance.now() - started;
    console.log(
      `| ${kind} | incremental sync, nothing new | ${seconds(emptyMs)} | ${device.requests - fullRequests} | ${wire.bytes() - bytes} bytes (JSON bodies: ${device.payload - payloadBefore} bytes) |`,
    );

    // 3. Concurrent clients.
    const cookies: string[] = [];
    for (let i = 0; i < clients; i++) cookies.push(await signIn(origin, "bench"));
    const devices = cookies.map((cookie) => makeDevice(origin, cookie));
    bytes = wire.bytes();
    started = performance.now();
    await Promise.all(devices.map((d) => d.pullUntilCaughtUp()));
    const concurrentMs = performance.now() - started;
    const rows = devices.reduce((n, d) => n + d.rows.size, 0);
    const requests = devices.reduce((n, d) => n + d.requests, 0);
    console.log(
      `| ${kind} | ${clients} clients at once, each a first full sync | ${seconds(concurrentMs)} | ${requests} (${perSecond(requests, concurrentMs)}/s) | ${kb(wire.bytes() - bytes)}; ${perSecond(rows, concurrentMs)} resources/s |`,
    );
    const before = devices.reduce((n, d) => n + d.requests, 0);
    started = performance.now();
    await Promise.all(devices.map((d) => d.pullUntilCaughtUp()));
    const idleMs = performance.now() - started;
    const idle = devices.reduce((n, d) => n + d.requests, 0) - before;
    console.log(
      `| ${kind} | ${clients} clients at once, each a nothing-new pull | ${seconds(idleMs)} | ${idle} (${perSecond(idle, idleMs)}/s) | — |`,
    );
  } finally {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await database.close();
  }
}

const kinds: DatabaseKind[] = process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
if (!process.env.DATABASE_URL) console.log("(DATABASE_URL is not set: PostgreSQL not measured)");
console.log("| database | what | time | requests | bytes on the wire |");
console.log("|---|---|---:|---:|---:|");
for (const kind of kinds) await run(kind);
