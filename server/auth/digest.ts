import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/** Hex SHA-256 of a string: how tokens, codes and throttled names are stored. */
export function digestOf(text: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

/** `bytes` random bytes as lower-case base32: cookie-safe and easy to read out. */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}
