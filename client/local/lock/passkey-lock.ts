import { passkeyOfLock, setPasskeyWrap, unlockWithPasskeyOutput } from "./copy-lock.ts";
import { fromBase64Url } from "./wrap.ts";

/**
 * A passkey as the copy's offline unlock (ADR 29), through the WebAuthn PRF extension: the
 * authenticator answers a fixed salt with a secret only it can compute (CTAP2 hmac-secret),
 * after its own check of the person (fingerprint, face, device PIN). No server takes part, so
 * it works offline.
 *
 * The wrapping key is HKDF-SHA-256 of the 32-byte PRF output (empty HKDF salt, the WebAuthn
 * salt being already bound into the output; `info` names this use), rather than the output
 * itself: the same passkey's PRF may serve other uses later, and each gets its own key.
 */
const hkdfInfo = new TextEncoder().encode("hearth device copy lock v1");

/**
 * Lets the person pick one of their passkeys for this site and keeps the copy's data key
 * wrapped by it. False when the browser, the authenticator or the person said no, or the
 * passkey has no PRF (made without it, or an authenticator without hmac-secret).
 */
export async function usePasskeyToUnlock(userId: string): Promise<boolean> {
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const answer = await prfOutput(salt);
  if (!answer) return false;
  try {
    await setPasskeyWrap(userId, answer.credentialId, salt, answer.wrapping);
  } finally {
    answer.wrapping.fill(0);
  }
  return true;
}

/** Opens the copy with the passkey it was wrapped by (`setPasskeyWrap`); false otherwise. */
export async function unlockWithPasskey(userId: string): Promise<boolean> {
  const lock = await passkeyOfLock(userId);
  if (!lock) return false;
  const answer = await prfOutput(lock.salt, lock.credentialId);
  if (!answer) return false;
  try {
    return await unlockWithPasskeyOutput(userId, answer.wrapping);
  } finally {
    answer.wrapping.fill(0);
  }
}

/** Whether the browser offers WebAuthn; PRF itself shows only when a passkey answers. */
export function passkeyUnlockPossible(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

async function prfOutput(
  salt: Uint8Array,
  credentialId?: string,
): Promise<{ credentialId: string; wrapping: Uint8Array } | undefined> {
  let credential: Credential | null;
  try {
    credential = await navigator.credentials.get({
      publicKey: {
        // Nothing is sent to a server: the challenge only has to be fresh.
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        userVerification: "required",
        allowCredentials: credentialId
          ? [{ type: "public-key", id: fromBase64Url(credentialId) as BufferSource }]
          : [],
        extensions: { prf: { eval: { first: salt as BufferSource } } },
      },
    });
  } catch {
    return undefined;
  }
  if (!(credential instanceof PublicKeyCredential)) return undefined;
  const first = credential.getClientExtensionResults().prf?.results?.first;
  if (!first) return undefined;
  const output = new Uint8Array(
    ArrayBuffer.isView(first)
      ? first.buffer.slice(first.byteOffset, first.byteOffset + first.byteLength)
      : first,
  );
  const key = await crypto.subtle.importKey("raw", output, "HKDF", false, ["deriveBits"]);
  output.fill(0);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: hkdfInfo },
    key,
    256,
  );
  return {
    credentialId: toBase64Url(new Uint8Array(credential.rawId)),
    wrapping: new Uint8Array(bits),
  };
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
