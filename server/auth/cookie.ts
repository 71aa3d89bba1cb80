import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/**
 * Over https the cookie takes the `__Host-` prefix, which browsers accept only with Secure,
 * Path=/ and no Domain: it cannot be set by a sibling subdomain (ASVS 3.3.1).
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-hearth_session" : "hearth_session";
}

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, sessionCookieName(secure));
}

export function writeSessionCookie(c: Context, secure: boolean, token: string, maxAgeMs: number) {
  setCookie(c, sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(c: Context, secure: boolean) {
  deleteCookie(c, sessionCookieName(secure), {
    path: "/",
    secure,
    httpOnly: true,
    sameSite: "Lax",
  });
}

/**
 * The device cookie (OWASP "Slow down online guessing attacks with device cookies"): a random
 * token set after a full sign-in, naming this browser as one the account has used. It proves
 * nothing by itself; it only keeps the owner's failures apart from strangers' in throttling.
 */
export function deviceCookieName(secure: boolean): string {
  return secure ? "__Host-hearth_device" : "hearth_device";
}

export function readDeviceCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, deviceCookieName(secure));
}

const deviceCookieMaxAgeSeconds = 365 * 24 * 3600;

export function writeDeviceCookie(c: Context, secure: boolean, token: string) {
  setCookie(c, deviceCookieName(secure), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    maxAge: deviceCookieMaxAgeSeconds,
  });
}
