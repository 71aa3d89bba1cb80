import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/**
 * Hex SHA-256 of a string's UTF-8: how tokens, codes, throttled names, mutations and resources
 * are stored. Node's own hash, as an import digests every resource of a file.
 */
export function digestOf(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** `bytes` random bytes as lower-case base32: cookie-safe and easy to read out. */
export function randomToken(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}
