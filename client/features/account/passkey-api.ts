import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/browser";
import type { PasskeySummary } from "../../../shared/contracts/account.ts";
import type { SignInAnswer } from "../../../shared/contracts/auth.ts";
import type { Me } from "../../../shared/contracts/me.ts";
import { isRecord } from "../../../shared/is-record.ts";
import { readAnswer } from "../../api/auth.ts";
import { type ApiResult, request } from "../../api/request.ts";

// @simplewebauthn/browser is loaded only when a passkey is actually used (a dynamic import),
// so neither the account page nor anything else pays for it up front.

function readPasskeys(json: unknown): PasskeySummary[] | undefined {
  if (!isRecord(json) || !Array.isArray(json.passkeys)) return undefined;
  const list = json.passkeys.flatMap((item: unknown) =>
    isRecord(item) &&
    typeof item.id === "string" &&
    typeof item.name === "string" &&
    typeof item.createdAt === "string" &&
    (item.lastUsedAt === null || typeof item.lastUsedAt === "string")
      ? [{ id: item.id, name: item.name, createdAt: item.createdAt, lastUsedAt: item.lastUsedAt }]
      : [],
  );
  return list.length === json.passkeys.length ? list : undefined;
}

function readCeremony<T>(json: unknown): { challengeId: string; options: T } | undefined {
  return isRecord(json) && typeof json.challengeId === "string" && isRecord(json.options)
    ? { challengeId: json.challengeId, options: json.options as T }
    : undefined;
}

export function fetchPasskeys(): Promise<ApiResult<PasskeySummary[]>> {
  return request({ method: "GET", path: "/api/account/passkeys", read: readPasskeys });
}

export function removePasskey(id: string): Promise<ApiResult<PasskeySummary[]>> {
  return request({
    method: "POST",
    path: "/api/account/passkeys/remove",
    body: { id },
    read: readPasskeys,
  });
}

/**
 * Asks the server for a challenge, lets the browser make a passkey (its own prompt: PIN,
 * fingerprint, face), and has the server check and keep it. AUTH-108 comes back before the
 * prompt when the password is needed again; a cancelled or failed prompt is AUTH-145.
 */
export async function addPasskey(): Promise<ApiResult<PasskeySummary[]>> {
  const started = await request({
    method: "POST",
    path: "/api/account/passkeys/register/options",
    body: {},
    read: readCeremony<PublicKeyCredentialCreationOptionsJSON>,
  });
  if (!started.ok) return started;
  const { startRegistration } = await import("@simplewebauthn/browser");
  let response: unknown;
  try {
    // PRF asked for at creation: some authenticators only enable it then, and a passkey can
    // then unlock the device's copy offline (client/local/lock/passkey-lock.ts).
    const options = started.data.options;
    response = await startRegistration({
      optionsJSON: { ...options, extensions: { ...options.extensions, prf: {} } },
    });
  } catch (error) {
    // InvalidStateError: this authenticator already holds a passkey for the account.
    const already = error instanceof Error && error.name === "InvalidStateError";
    return { ok: false, code: already ? "AUTH-144" : "AUTH-145" };
  }
  return request({
    method: "POST",
    path: "/api/account/passkeys/register/verify",
    body: { challengeId: started.data.challengeId, response },
    read: readPasskeys,
  });
}

/** Signs in with a passkey this browser (or a phone nearby) holds: no username, no password. */
export async function signInWithPasskey(): Promise<ApiResult<SignInAnswer<Me>>> {
  const started = await request({
    method: "POST",
    path: "/api/auth/passkey/options",
    body: {},
    read: readCeremony<PublicKeyCredentialRequestOptionsJSON>,
  });
  if (!started.ok) return started;
  const { startAuthentication } = await import("@simplewebauthn/browser");
  let response: unknown;
  try {
    response = await startAuthentication({ optionsJSON: started.data.options });
  } catch {
    return { ok: false, code: "AUTH-145" };
  }
  return request({
    method: "POST",
    path: "/api/auth/passkey/verify",
    body: { challengeId: started.data.challengeId, response },
    read: readAnswer,
  });
}

/** Whether this browser can use passkeys at all (no WebAuthn: the section says so). */
export function passkeysSupported(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}
