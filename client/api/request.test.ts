// Node's own fetch against a real HTTP server: the only thing not real is the network's failure modes.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchMe, signIn, signOut } from "./auth.ts";
import { request } from "./request.ts";

const ana = { id: "u1", username: "ana", displayName: "Ana Rivera", role: "patient", locale: "es" };

type Handler = (res: ServerResponse, body: string, headers: Record<string, unknown>) => void;

const routes: Record<string, Handler> = {
  "GET /me": (res) => json(res, 200, ana),
  "GET /me-wrong-shape": (res) => json(res, 200, { id: "u1" }),
  "GET /signed-out": (res) => json(res, 401, { error: { code: "AUTH-102" } }),
  "GET /html": (res) => {
    res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><p>captive portal</p>");
  },
  "GET /broken-json": (res) => {
    res.writeHead(200, { "Content-Type": "application/json" }).end("{ not json");
  },
  "GET /unknown-code": (res) => json(res, 500, { error: { code: "XYZ-999" } }),
  "GET /not-a-code": (res) => json(res, 500, { error: { code: "<img src=x>" } }),
  "GET /gateway": (res) => {
    res.writeHead(503, { "Content-Type": "text/html" }).end("<h1>503 Service Unavailable</h1>");
  },
  "GET /proxy-500": (res) => {
    res.writeHead(500, { "Content-Type": "text/plain" }).end("Internal Server Error");
  },
  "GET /hang": () => {
    // Never answers: the client's timeout must end the wait.
  },
  "GET /slow-body": (res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write('{"id":');
    // The rest never comes.
  },
  "POST /auth/sign-in": (res, body, headers) => {
    const { username, password } = JSON.parse(body);
    if (headers["content-type"] !== "application/json") {
      return json(res, 415, { error: { code: "SEC-202" } });
    }
    if (username === "" || password === "") {
      return json(res, 422, {
        error: {
          code: "REQ-302",
          fields: [{ field: "username", problem: "required" }, { nonsense: true }],
        },
      });
    }
    if (password !== "hearth-demo") return json(res, 401, { error: { code: "AUTH-101" } });
    json(res, 200, { me: { ...ana, extra: "not kept" } });
  },
  "GET /throttled": (res) => {
    res.writeHead(429, { "Content-Type": "application/json", "Retry-After": "8" });
    res.end(JSON.stringify({ error: { code: "AUTH-105", retryAfterSeconds: 8 } }));
  },
  "POST /auth/sign-out": (res, body, headers) => {
    const ok = body === "{}" && headers["content-type"] === "application/json";
    res.writeHead(ok ? 204 : 400).end();
  },
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const route = routes[`${req.method} ${req.url?.replace(/^\/api/, "")}`];
      if (route) route(res, body, req.headers);
      else json(res, 404, { error: { code: "REQ-304" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, timeoutMs?: number) =>
  request({ method: "GET", path, baseUrl, timeoutMs, read: (json) => json });

describe("request", () => {
  it("returns the data of a JSON answer", async () => {
    expect(await get("/api/me")).toEqual({ ok: true, data: ana });
  });

  it("returns the server's error code", async () => {
    expect(await get("/api/signed-out")).toEqual({ ok: false, code: "AUTH-102" });
    expect(await get("/api/nowhere")).toEqual({ ok: false, code: "REQ-304" });
  });

  it("maps an answer that is not JSON to SRV-501 (a captive portal, a proxy's page)", async () => {
    expect(await get("/api/html")).toEqual({ ok: false, code: "SRV-501" });
    expect(await get("/api/proxy-500")).toEqual({ ok: false, code: "SRV-501" });
  });

  it("maps broken JSON and answers with no code-shaped code to SRV-501", async () => {
    expect(await get("/api/broken-json")).toEqual({ ok: false, code: "SRV-501" });
    expect(await get("/api/not-a-code")).toEqual({ ok: false, code: "SRV-501" });
  });

  it("passes on a well-formed code this version has no words for (the page explains it generically)", async () => {
    expect(await get("/api/unknown-code")).toEqual({ ok: false, code: "XYZ-999" });
  });

  it("passes on how long a 429 asks to wait", async () => {
    expect(await get("/api/throttled")).toEqual({
      ok: false,
      code: "AUTH-105",
      retryAfterSeconds: 8,
    });
  });

  it("maps a gateway's 503 page to SRV-502", async () => {
    expect(await get("/api/gateway")).toEqual({ ok: false, code: "SRV-502" });
  });

  it("maps no answer in time to NET-602, headers or body", async () => {
    expect(await get("/api/hang", 200)).toEqual({ ok: false, code: "NET-602" });
    expect(await get("/api/slow-body", 200)).toEqual({ ok: false, code: "NET-602" });
  });

  it("maps a refused connection to NET-601", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await request({
      method: "GET",
      path: "/api/me",
      baseUrl: `http://127.0.0.1:${port}`,
    });
    expect(result).toEqual({ ok: false, code: "NET-601" });
  });
});

describe("auth calls", () => {
  it("signs in, keeping only what the Me contract names", async () => {
    const result = await signIn({ username: "ana", password: "hearth-demo" }, { baseUrl });
    expect(result).toEqual({ ok: true, data: { me: ana } });
  });

  it("passes on AUTH-101 for a wrong password", async () => {
    const result = await signIn({ username: "ana", password: "wrong" }, { baseUrl });
    expect(result).toEqual({ ok: false, code: "AUTH-101" });
  });

  it("passes on REQ-302 with its well-formed field problems", async () => {
    const result = await signIn({ username: "", password: "" }, { baseUrl });
    expect(result).toEqual({
      ok: false,
      code: "REQ-302",
      fields: [{ field: "username", problem: "required" }],
    });
  });

  it("signs out with an empty JSON body and accepts 204", async () => {
    expect(await signOut({ baseUrl })).toEqual({ ok: true, data: undefined });
  });

  it("treats an answer that breaks the Me contract as SRV-501", async () => {
    expect(await fetchMe({ baseUrl })).toEqual({ ok: true, data: ana });
    const wrong = await request({
      method: "GET",
      path: "/api/me-wrong-shape",
      baseUrl,
      read: (await import("./auth.ts")).readMe,
    });
    expect(wrong).toEqual({ ok: false, code: "SRV-501" });
  });
});
