import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { except } from "hono/combine";
import { compress } from "hono/compress";
import { loadSession } from "./auth/middleware.ts";
import { keepSupportOutOfRecords } from "./authorization.ts";
import type { AppEnv, Deps } from "./context.ts";
import { isDatabaseUnavailable } from "./db/unavailable.ts";
import { ApiError, errorResponse } from "./http/api-error.ts";
import { clientAddress } from "./http/client-address.ts";
import { logFailure } from "./http/error-log.ts";
import { requireSameOriginJson } from "./http/same-origin.ts";
import { apiSecurityHeaders, documentSecurityHeaders } from "./http/security-headers.ts";
import { makeTransport, type Transport } from "./messaging/transport.ts";
import { accountRoutes } from "./routes/account.ts";
import { activationRoutes } from "./routes/activation.ts";
import { appointmentRoutes } from "./routes/appointments.ts";
import { clinicianAppointmentRoutes } from "./routes/appointments-clinician.ts";
import { authRoutes } from "./routes/auth.ts";
import { authenticatorRoutes } from "./routes/authenticator.ts";
import { codeChannelRoutes } from "./routes/code-channel.ts";
import { devOutboxRoutes } from "./routes/dev-outbox.ts";
import { deviceKeyRoutes } from "./routes/device-keys.ts";
import { diagnosticsRoutes } from "./routes/diagnostics.ts";
import { healthRoutes } from "./routes/health.ts";
import { helpRequestRoutes } from "./routes/help-requests.ts";
import { inboxRoutes } from "./routes/inbox.ts";
import { meRoutes } from "./routes/me.ts";
import { passkeySignInRoutes } from "./routes/passkey-sign-in.ts";
import { passkeyRoutes } from "./routes/passkeys.ts";
import { patientRoutes } from "./routes/patients.ts";
import { recordRoutes } from "./routes/record.ts";
import { recoveryRoutes } from "./routes/recovery.ts";
import { secondStepRoutes } from "./routes/second-step.ts";
import { approvalAnswerRoutes, approvalRequestRoutes } from "./routes/sign-in-approval.ts";
import { supportRoutes } from "./routes/support.ts";
import { newPasswordRoutes } from "./routes/support-new-password.ts";
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

  // When the request arrived, for the duration a failure is logged with.
  app.use("*", async (c, next) => {
    c.set("startedAt", performance.now());
    // Worked out once, the same way for the audit log (server/audit.ts) as for the throttles.
    c.set("clientAddress", clientAddress(c, config.trustProxy));
    await next();
  });
  app.use("/api/*", apiSecurityHeaders(config));
  app.use("*", except("/api/*", documentSecurityHeaders(config)));
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
  app.use("/api/*", keepSupportOutOfRecords(deps));

  app.route("/api/auth", authRoutes(deps));
  // Signed out: activation, forgotten password and username (ADR 18).
  app.route("/api/access/activation", activationRoutes(deps));
  app.route("/api/access", recoveryRoutes(deps));
  app.route("/api/auth/second-step/approval", approvalRequestRoutes(deps));
  app.route("/api/auth/second-step", secondStepRoutes(deps));
  app.route("/api/auth/passkey", passkeySignInRoutes(deps));
  app.route("/api/auth/new-password", newPasswordRoutes(deps));
  app.route("/api/account/authenticator", authenticatorRoutes(deps));
  app.route("/api/account/code-channel", codeChannelRoutes(deps));
  app.route("/api/account/passkeys", passkeyRoutes(deps));
  app.route("/api/account/approvals", approvalAnswerRoutes(deps));
  app.route("/api/account", accountRoutes(deps));
  // Development and browser tests only; never in production (server/config.ts).
  if (config.exposeOutbox) app.route("/api/dev/outbox", devOutboxRoutes(deps));
  app.route("/api/me", meRoutes());
  app.route("/api/health", healthRoutes(deps));
  app.route("/api/diagnostics", diagnosticsRoutes(deps));
  app.route("/api/help-requests", helpRequestRoutes(deps));
  app.route("/api/support", supportRoutes(deps));
  app.route("/api/record", recordRoutes(deps));
  app.route("/api/patients", patientRoutes(deps));
  app.route("/api/sync", syncRoutes(deps));
  app.route("/api/device-keys", deviceKeyRoutes(deps));
  app.route("/api/appointments/clinician", clinicianAppointmentRoutes(deps));
  app.route("/api/appointments", appointmentRoutes(deps));
  app.route("/api/inbox", inboxRoutes(deps));
  app.route("/", clientRoutes(config.clientDir));

  app.notFound((c) => errorResponse(c, "REQ-304"));
  app.onError((err, c) => {
    if (err instanceof ApiError) return errorResponse(c, err.code, err.fields, err.retryAfterMs);
    // The person gets a code (ASVS 16.5.1); the log gets what went wrong and where, never the
    // error's message, which can quote the record text the query carried (docs/security.md).
    const startedAt = c.get("startedAt");
    logFailure(`${c.req.method} ${c.req.path}`, err, {
      ms: startedAt === undefined ? -1 : Math.round(performance.now() - startedAt),
    });
    // A database that dropped the connection or cannot be reached is a moment to try again,
    // not a bug (docs/security.md).
    return errorResponse(c, isDatabaseUnavailable(err) ? "SRV-502" : "SRV-501");
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
