import { diagnosticAlphabet } from "../../shared/contracts/help.ts";

/**
 * A random code a person can read out ("D7K-4QX"): six characters of an alphabet without
 * look-alikes. Rejection sampling keeps every character equally likely (256 is not a multiple
 * of 30), from `crypto.getRandomValues`.
 *
 * @example makeShortCode() // "D7K-4QX"
 */
export function makeShortCode(): string {
  const size = diagnosticAlphabet.length;
  const limit = 256 - (256 % size);
  const chars: string[] = [];
  while (chars.length < 6) {
    for (const byte of crypto.getRandomValues(new Uint8Array(12))) {
      if (byte < limit && chars.length < 6) chars.push(diagnosticAlphabet[byte % size] as string);
    }
  }
  return `${chars.slice(0, 3).join("")}-${chars.slice(3).join("")}`;
}
