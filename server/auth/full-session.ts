import { and, eq } from "drizzle-orm";
import type { Context } from "hono";
import { defaultLocale } from "../../shared/locales/index.ts";
import { recordAudit } from "../audit.ts";
import type { AppEnv, Deps } from "../context.ts";
import { trustedSources } from "../db/schema.ts";
import { addressBucket, clientAddress } from "../http/client-address.ts";
import { noticeToPerson } from "../messaging/notify.ts";
import { readDeviceCookie, writeDeviceCookie, writeSessionCookie } from "./cookie.ts";
import { describeDevice } from "./device-name.ts";
import { randomToken } from "./digest.ts";
import { createSession, generateSessionToken, type User } from "./session.ts";
import { rememberSources } from "./trusted-sources.ts";

/**
 * Ends a sign-in: a brand-new session token (never the partial session's: ASVS 7.2.4), the
 * device cookie, the device and address remembered as the account's own, and the audit entry.
 * Answers whether the device was new to the account.
 *
 * @example const { newDevice } = await startFullSession(deps, c, user, "password");
 */
export async function startFullSession(
  deps: Deps,
  c: Context<AppEnv>,
  user: User,
  method:
    | "password"
    | "totp"
    | "recovery-code"
    | "email-code"
    | "sms-code"
    | "passkey"
    | "device-approval",
): Promise<{ newDevice: boolean }> {
  const { db, config, now } = deps;
  const at = now();
  const token = generateSessionToken();
  await createSession(db, token, user.id, at, c.req.header("user-agent")?.slice(0, 512), {
    authenticatedAt: at,
  });
  writeSessionCookie(c, config.secure, token, config.sessionAbsoluteMs);
  const device = readDeviceCookie(c, config.secure) ?? randomToken(20);
  writeDeviceCookie(c, config.secure, device);
  const address = addressBucket(clientAddress(c, config.trustProxy));
  const [known] = await db
    .select({ digest: trustedSources.digest })
    .from(trustedSources)
    .where(and(eq(trustedSources.userId, user.id), eq(trustedSources.kind, "device")))
    .limit(1);
  const { newDevice } = await rememberSources(db, user.id, device, address, at);
  await recordAudit(db, c, {
    actorId: user.id,
    action: "auth.sign-in",
    outcome: "success",
    details: { method, newDevice },
  });
  // A sign-in from a device the account has not used before is told to the person by email,
  // so a stolen password shows itself (ASVS 6.3.5). Not for an account's very first device.
  if (newDevice && known) await noticeNewDevice(deps, user, c.req.header("user-agent"), at);
  return { newDevice };
}

async function noticeNewDevice(deps: Deps, user: User, userAgent: string | undefined, at: Date) {
  const { browser, system } = describeDevice(userAgent);
  const unknown = "?";
  const time = new Intl.DateTimeFormat(user.locale ?? defaultLocale, {
    dateStyle: "long",
    timeStyle: "long",
    timeZone: "UTC",
  }).format(at);
  await noticeToPerson(deps, user, "newDevice", {
    username: user.username,
    browser: browser ?? unknown,
    system: system ?? unknown,
    time,
  });
}
