import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

/** RFC 6238 as authenticator apps expect it: SHA-1, 30-second steps, 6 digits. */
export const totpStepSeconds = 30;
const digits = 6;

/** A new 160-bit key (RFC 4226 recommends 160; ASVS 6.5.5 asks for at least 128). */
export function generateTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / totpStepSeconds);
}

export function totpCode(key: Uint8Array, step: number): string {
  return generateHOTP(key, BigInt(step), digits);
}

/**
 * The step `code` belongs to, looking one step either side of now for clocks that drift
 * (RFC 6238 §5.2), or null. The caller must still refuse a step already used
 * (replay; ASVS 6.5.1). Every candidate is compared in constant time.
 */
export function matchingStep(key: Uint8Array, code: string, now: Date): number | null {
  const typed = new TextEncoder().encode(code);
  const current = totpStep(now);
  let found: number | null = null;
  for (const step of [current - 1, current, current + 1]) {
    const expected = new TextEncoder().encode(totpCode(key, step));
    if (expected.length === typed.length && constantTimeEqual(expected, typed)) found ??= step;
  }
  return found;
}

/** The otpauth:// URI the QR code carries. */
export function totpUri(key: Uint8Array, accountName: string): string {
  return createTOTPKeyURI("Hearth", accountName, key, totpStepSeconds, digits);
}

/** The key as people type it into an app: base32 in groups of four. */
export function totpKeyText(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key).replace(/(.{4})(?=.)/g, "$1 ");
}
