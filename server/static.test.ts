import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import type { OpenDatabase } from "./db/open.ts";
import { openTestDatabase } from "./test/database.ts";

describe("serving the built client", () => {
  let database: OpenDatabase;
  let dir: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "hearth-client-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Hearth</title>");
    writeFileSync(join(dir, "assets", "main-abc123.js"), "console.log(1)");
    writeFileSync(join(dir, "sw.js"), "self.x=1");
    writeFileSync(join(dir, "manifest.webmanifest"), "{}");
    database = await openTestDatabase("pglite");
    const config = loadConfig({ CLIENT_DIR: dir });
    app = createApp({ db: database.db, config, now: () => new Date(), version: "test" });
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves hashed assets as immutable", async () => {
    const res = await app.request("/assets/main-abc123.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it.each(["/", "/index.html", "/sw.js", "/manifest.webmanifest"])(
    "makes browsers revalidate %s",
    async (path) => {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
    },
  );

  it("answers deep links with index.html so the client can route them", async () => {
    const res = await app.request("/help");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>Hearth</title>");
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("defends the page with a strict Content-Security-Policy", async () => {
    const res = await app.request("/help");
    const csp = res.headers.get("content-security-policy") ?? "";
    // WebAssembly may be compiled (the PIN's argon2id), script may not be eval'd.
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).not.toMatch(/[ ']unsafe-eval/);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("does not serve build metadata in dot-folders", async () => {
    mkdirSync(join(dir, ".vite"));
    writeFileSync(join(dir, ".vite", "manifest.json"), "{}");
    const res = await app.request("/.vite/manifest.json");
    expect(res.status).toBe(404);
  });

  it("never answers an API path with the page", async () => {
    const res = await app.request("/api/unknown");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("REQ-304");
  });

  it("compresses what it serves when asked", async () => {
    writeFileSync(join(dir, "assets", "big-def456.js"), "let a = 1;\n".repeat(2000));
    const res = await app.request("/assets/big-def456.js", {
      headers: { "accept-encoding": "gzip" },
    });
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });
});
