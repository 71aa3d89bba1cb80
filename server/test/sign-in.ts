import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import type { Hono } from "hono";
import { totpCode, totpStep } from "../auth/totp.ts";
import type { AppEnv } from "../context.ts";
import { jsonHeaders, sessionCookieFrom } from "./app.ts";

type App = Hono<AppEnv>;

/** POSTs JSON to the app as the page would, with extra headers (cookie, x-forwarded-for). */
export function post(app: App, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: "POST",
    headers: jsonHeaders(headers),
    body: JSON.stringify(body),
  });
}

export function signInRequest(
  app: App,
  username: string,
  password: string,
  headers: Record<string, string> = {},
) {
  return post(app, "/api/auth/sign-in", { username, password }, headers);
}

/** The `name=value` of a cookie the response set, e.g. the device cookie. */
export function cookieFrom(res: Response, name: string): string | undefined {
  const pair = res.headers
    .getSetCookie()
    .filter((c) => c.startsWith(`${name}=`))
    .at(-1)
    ?.split(";")[0];
  return pair && !pair.endsWith("=") ? pair : undefined;
}

/** Signs in with a password (no second step on the account) and answers the session cookie. */
export async function fullSession(app: App, username: string, password: string): Promise<string> {
  const res = await signInRequest(app, username, password);
  const cookie = sessionCookieFrom(res);
  if (res.status !== 200 || !cookie) throw new Error(`sign-in failed: ${res.status}`);
  return cookie;
}

/**
 * Turns on an authenticator app for the signed-in account through the API, as a person would,
 * and answers its key and the ten recovery codes.
 */
export async function enableAuthenticator(app: App, cookie: string, now: () => Date) {
  const started = await post(app, "/api/account/authenticator/start", {}, { cookie });
  if (started.status !== 200) throw new Error(`start: ${started.status}`);
  const { key: text } = (await started.json()) as { key: string };
  const key = decodeBase32IgnorePadding(text.replace(/\s/g, ""));
  const confirmed = await post(
    app,
    "/api/account/authenticator/confirm",
    { code: totpCode(key, totpStep(now())) },
    { cookie },
  );
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status}`);
  const { recoveryCodes } = (await confirmed.json()) as { recoveryCodes: string[] };
  return { key, recoveryCodes };
}

/** The code the app would show `steps` steps from now. */
export function codeAt(key: Uint8Array, now: Date, steps = 0): string {
  return totpCode(key, totpStep(now) + steps);
}
