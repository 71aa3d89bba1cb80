import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { loadSession } from "./auth/middleware.ts";
import type { AppEnv, Deps } from "./context.ts";
import { ApiError, errorResponse } from "./http/api-error.ts";
import { requireSameOriginJson } from "./http/same-origin.ts";
import { makeTransport, type Transport } from "./messaging/transport.ts";
import { authRoutes } from "./routes/auth.ts";
import { authenticatorRoutes } from "./routes/authenticator.ts";
import { codeChannelRoutes } from "./routes/code-channel.ts";
import { devOutboxRoutes } from "./routes/dev-outbox.ts";
import { diagnosticsRoutes } from "./routes/diagnostics.ts";
import { healthRoutes } from "./routes/health.ts";
import { helpRequestRoutes } from "./routes/help-requests.ts";
import { meRoutes } from "./routes/me.ts";
import { patientRoutes } from "./routes/patients.ts";
import { recordRoutes } from "./routes/record.ts";
import { secondStepRoutes } from "./routes/second-step.ts";
import { syncRoutes } from "./routes/sync.ts";
import { clientRoutes } from "./static.ts";

/**
 * Builds the whole HTTP application. Tests call `createApp(deps).request(...)` with no socket;
 * server/main.ts hands the same app to @hono/node-server.
 */
export function createApp(input: Omit<Deps, "transport"> & { transport?: Transport }) {
  // Email and SMS as the configuration says, unless a caller hands in its own transport.
  const deps: Deps = {
    ...input,
    transport: input.transport ?? makeTransport(input.config, input.db),
  };
  const { config } = deps;
  const app = new Hono<AppEnv>();

  app.use(
    "*",
    secureHeaders({
      // No inline script or style anywhere: the client is built to need none (ASVS 3.4.3).
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        manifestSrc: ["'self'"],
        workerSrc: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "no-referrer",
      strictTransportSecurity: config.secure ? "max-age=31536000; includeSubDomains" : false,
      crossOriginResourcePolicy: "same-origin",
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );
  app.use("*", compress());

  // The API: bounded bodies, same-origin JSON for state changes, never cached.
  app.use("/api/*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
  });
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: config.bodyLimitBytes,
      onError: (c) => errorResponse(c, "REQ-303"),
    }),
  );
  app.use("/api/*", requireSameOriginJson(allowedOrigins(config)));
  app.use("/api/*", loadSession(deps));

  app.route("/api/auth", authRoutes(deps));
  app.route("/api/auth/second-step", secondStepRoutes(deps));
  app.route("/api/account/authenticator", authenticatorRoutes(deps));
  app.route("/api/account/code-channel", codeChannelRoutes(deps));
  // Development and browser tests only; never in production (server/config.ts).
  if (config.exposeOutbox) app.route("/api/dev/outbox", devOutboxRoutes(deps));
  app.route("/api/me", meRoutes());
  app.route("/api/health", healthRoutes(deps));
  app.route("/api/diagnostics", diagnosticsRoutes(deps));
  app.route("/api/help-requests", helpRequestRoutes(deps));
  app.route("/api/record", recordRoutes(deps));
  app.route("/api/patients", patientRoutes(deps));
  app.route("/api/sync", syncRoutes(deps));
  app.route("/", clientRoutes(config.clientDir));

  app.notFound((c) => errorResponse(c, "REQ-304"));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.code, err.fields, err.retryAfterMs);
    // The details go to the server's log only; the person gets a code (ASVS 16.5.1).
    console.error(`[${c.req.method} ${c.req.path}]`, err);
    return errorResponse(c, "SRV-501");
  });
  return app;
}

/**
 * The configured origin, plus the loopback spellings of it when PUBLIC_ORIGIN was left to its
 * default, so a newcomer opening http://127.0.0.1:8787 can still sign in.
 */
function allowedOrigins(config: Deps["config"]): string[] {
  const url = new URL(config.publicOrigin);
  if (url.hostname !== "localhost") return [config.publicOrigin];
  const port = url.port ? `:${url.port}` : "";
  return ["localhost", "127.0.0.1", "[::1]"].map((host) => `${url.protocol}//${host}${port}`);
}
