import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import type { AppEnv } from "./context.ts";

/** Files whose names carry a content hash never change, so browsers may keep them for a year. */
const immutable = "public, max-age=31536000, immutable";
/** The entry points must be revalidated every time, or an update would never be seen. */
const revalidate = "no-cache";
const entryPoints = /^\/($|index\.html$|manifest\.webmanifest$|sw\.js$)/;

export function cacheControlFor(path: string): string {
  if (path.startsWith("/assets/")) return immutable;
  if (entryPoints.test(path)) return revalidate;
  return "public, max-age=86400";
}

/**
 * Serves the built client. Hashed assets are immutable; `index.html`, the manifest and the
 * service worker are `no-cache` so a new release is picked up at once. Any other GET that is
 * not a file and not under /api/ gets index.html, so deep links work (the client routes).
 */
export function clientRoutes(clientDir: string) {
  const app = new Hono<AppEnv>();
  const indexPath = join(clientDir, "index.html");
  if (!existsSync(indexPath)) return app;
  const indexHtml = readFileSync(indexPath, "utf8");

  app.use("*", async (c, next) => {
    await next();
    if (c.res.ok && !c.res.headers.has("Cache-Control")) {
      c.header("Cache-Control", cacheControlFor(c.req.path));
    }
  });
  // Build metadata such as .vite/manifest.json is for our scripts, not for the public.
  app.use("*", async (c, next) => (/\/\./.test(c.req.path) ? c.notFound() : next()));
  app.use("*", serveStatic({ root: clientDir }));
  app.get("*", (c) => {
    if (c.req.path.startsWith("/api/")) return c.notFound();
    c.header("Cache-Control", revalidate);
    return c.html(indexHtml);
  });
  return app;
}
