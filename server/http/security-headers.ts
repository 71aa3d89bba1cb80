import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Config } from "../config.ts";

/**
 * The headers that defend the pages: a strict Content-Security-Policy with no inline script or
 * style anywhere (the client is built to need none; ASVS 3.4.3), no framing, no referrer, and
 * no camera, microphone or location.
 */
export function documentSecurityHeaders(config: Config): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // The PIN's key is derived by argon2id in WebAssembly (client/local/lock/pin-key.ts);
      // this allows compiling WebAssembly, not eval of script.
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
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
    strictTransportSecurity: hsts(config),
    crossOriginResourcePolicy: "same-origin",
    // Older browsers' spelling of frame-ancestors 'none'.
    xFrameOptions: "DENY",
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/**
 * The API answers JSON that is never rendered as a page, so it needs only what stops a
 * response from being sniffed, framed or read across origins (OWASP REST Security cheat
 * sheet). The page-only headers would cost every sync request about 500 bytes, on the link
 * where an incremental sync with nothing new should stay under 1 KB (ADR 13).
 */
export function apiSecurityHeaders(config: Config): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    referrerPolicy: "no-referrer",
    strictTransportSecurity: hsts(config),
    crossOriginResourcePolicy: "same-origin",
    xFrameOptions: "DENY",
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
}

function hsts(config: Config): string | false {
  return config.secure ? "max-age=31536000; includeSubDomains" : false;
}
