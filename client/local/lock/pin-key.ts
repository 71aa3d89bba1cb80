import { argon2id } from "hash-wasm";

/**
 * A PIN's wrapping key, from argon2id (memory-hard, so each guess at a stolen copy costs
 * memory as well as time; OWASP's minimum: 19 MiB, 2 passes). WASM from hash-wasm: the same
 * work in plain JavaScript takes several times longer on a phone.
 */
export interface PinKdf {
  memoryKiB: number;
  iterations: number;
}

export const pinKdf: PinKdf = { memoryKiB: 19_456, iterations: 2 };

/** At least six digits (ADR 29): a PIN is typed on a phone's number pad. */
export const pinMinDigits = 6;
export const pinMaxDigits = 12;

export function isPinShaped(pin: string): boolean {
  return new RegExp(`^\\d{${pinMinDigits},${pinMaxDigits}}$`).test(pin);
}

export function pinWrappingKey(pin: string, salt: Uint8Array, kdf: PinKdf): Promise<Uint8Array> {
  return argon2id({
    password: pin,
    salt,
    parallelism: 1,
    iterations: kdf.iterations,
    memorySize: kdf.memoryKiB,
    hashLength: 32,
    outputType: "binary",
  });
}
