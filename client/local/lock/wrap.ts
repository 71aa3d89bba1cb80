/**
 * Wrapping the data key with WebCrypto AES-GCM: the unlock's key (from the server, a PIN or a
 * passkey) encrypts the 32 bytes of the data key. A wrong key fails the tag check, which is
 * how a wrong PIN is told from a right one.
 */
export interface WrappedKey {
  iv: Uint8Array;
  data: Uint8Array;
}

function importWrappingKey(bytes: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", bytes as BufferSource, "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
}

export async function wrapKey(wrapping: Uint8Array, dataKey: Uint8Array): Promise<WrappedKey> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await importWrappingKey(wrapping);
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, dataKey as BufferSource),
  );
  return { iv, data };
}

/** The data key, or undefined when `wrapping` is not the key it was wrapped with. */
export async function unwrapKey(
  wrapping: Uint8Array,
  wrapped: WrappedKey,
): Promise<Uint8Array | undefined> {
  const key = await importWrappingKey(wrapping);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: wrapped.iv as BufferSource },
        key,
        wrapped.data as BufferSource,
      ),
    );
  } catch {
    return undefined;
  }
}

export function newDataKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(32));
}

/** base64url (the server's encoding of a device key) to bytes. */
export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
