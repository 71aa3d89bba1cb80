import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";

/**
 * Seals a value for IndexedDB with the device's data key, and opens it again, synchronously.
 *
 * Synchronous on purpose: an IndexedDB transaction commits as soon as the page awaits anything
 * that is not an IndexedDB request, so a Dexie middleware cannot await WebCrypto in the middle
 * of a write transaction. XChaCha20-Poly1305 (audited @noble/ciphers; 24-byte random nonces, so
 * random nonces never collide in practice) seals about 3 times faster than AES-GCM in
 * JavaScript. Why, with figures: docs/decisions/0029-device-copy-lock.md.
 */

const nonceBytes = 24;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `value` as JSON, sealed: the nonce, then the ciphertext with its tag. */
export function seal(key: Uint8Array, value: unknown): Uint8Array {
  const nonce = crypto.getRandomValues(new Uint8Array(nonceBytes));
  const sealed = xchacha20poly1305(key, nonce).encrypt(encoder.encode(JSON.stringify(value)));
  const out = new Uint8Array(nonceBytes + sealed.length);
  out.set(nonce);
  out.set(sealed, nonceBytes);
  return out;
}

/** The value `seal` sealed; throws if the bytes were changed or the key is not the one. */
export function open(key: Uint8Array, sealed: Uint8Array): unknown {
  const nonce = sealed.subarray(0, nonceBytes);
  const plain = xchacha20poly1305(key, nonce).decrypt(sealed.subarray(nonceBytes));
  return JSON.parse(decoder.decode(plain));
}
